using System.Net;
using System.Net.Http.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public abstract class JourneyTests(Lane lane)
{
    [Fact]
    public async Task Producer_registers_a_lot_prints_its_label_and_a_consumer_scan_reaches_the_lot_page()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync(companyPrefix: "8936099");
        var gtin = NangSuat.Trace.Gs1.CheckDigit.Append("893609900012");
        var product = await producer.AddProductAsync(gtin, "Chè Shan tuyết Mộc Châu");
        Assert.Equal("0" + gtin, product.Str("gtin"));
        var area = await producer.AddAreaAsync();
        await producer.AddCertificateAsync(new { productionAreaId = area.Id() }, number: "VietGAP-TT-0012");
        var lot = await producer.AddLotAsync(gtin, "MC2611A", new { productionAreaId = area.Id() });
        var digitalLink = lot.Str("digitalLink");
        Assert.Equal($"{TraceApp.DefaultBaseUrl}/01/0{gtin}/10/MC2611A", digitalLink);

        var label = await producer.Client.GetAsync($"/api/v1/lots/{lot.Id()}/label?format=png");
        await Http.EnsureStatus(label, 200);
        Assert.Equal("image/png", label.Content.Headers.ContentType?.MediaType);

        var consumer = app.Anonymous();
        var scan = await consumer.GetAsync(new Uri(digitalLink).PathAndQuery);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, scan.StatusCode);
        Assert.Equal($"{TraceApp.DefaultBaseUrl}/san-pham/0{gtin}/lo/MC2611A", scan.Headers.Location!.ToString());

        var page = await consumer.GetStringAsync(scan.Headers.Location.PathAndQuery);
        Assert.Contains("Chè Shan tuyết Mộc Châu", page, StringComparison.Ordinal);
        Assert.Contains("MC2611A", page, StringComparison.Ordinal);
        Assert.Contains("HTX Chè Mộc Châu", page, StringComparison.Ordinal);
        Assert.Contains("VietGAP-TT-0012", page, StringComparison.Ordinal);
        Assert.Contains("Đồi chè Tân Lập", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_a_producer_registered_reads_back_the_same_and_lists_in_pages()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var gtins = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            gtins.Add((await producer.AddProductAsync(nameVi: $"Sản phẩm {i}")).Str("gtin"));
        }

        var first = await (await producer.Client.GetAsync("/api/v1/products?page=1&pageSize=2")).Json(200);
        var second = await (await producer.Client.GetAsync("/api/v1/products?page=2&pageSize=2")).Json(200);
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(p => p.Str("gtin"));
        Assert.Equal(gtins.Order(), listed.Order());

        var product = first.GetProperty("items")[0];
        var read = await (await producer.Client.GetAsync($"/api/v1/products/{product.Id()}")).Json(200);
        Assert.Equal(["TCVN 9740:2013"], read.GetProperty("standards").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(4, read.GetProperty("ocopStars").GetInt32());
        Assert.Equal("Chè Mộc Châu", read.Str("brand"));
    }

    [Fact]
    public async Task Producer_corrects_a_product_and_a_lot_with_put()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var changed = await (await producer.Client.PutAsJsonAsync($"/api/v1/products/{product.Id()}", new
        {
            name = new { vi = "Chè Shan tuyết cổ thụ", en = "Ancient Shan Tuyet tea" }, ocopStars = 5, exportMarkets = new[] { "jp" },
        })).Json(200);
        Assert.Equal("Chè Shan tuyết cổ thụ", changed.GetProperty("name").Str("vi"));
        Assert.Equal(["JP"], changed.GetProperty("exportMarkets").EnumerateArray().Select(m => m.GetString()));

        var lot = await producer.AddLotAsync(product.Str("gtin"));
        var corrected = await (await producer.Client.PutAsJsonAsync($"/api/v1/lots/{lot.Id()}", new
        {
            productionDate = "2026-10-30", expiryDate = "2027-10-30", quantity = new { value = 900.5, unit = "kg" },
        })).Json(200);
        Assert.Equal("2027-10-30", corrected.Str("expiryDate"));
        Assert.Equal(JsonValueKindNull, corrected.GetProperty("bestBeforeDate").ValueKind);
        Assert.Equal(900.5m, corrected.GetProperty("quantity").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Administrators_correct_organizations_and_producers_correct_their_areas()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var inspector = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        var moved = await (await app.Admin().PutAsJsonAsync($"/api/v1/organizations/{producer.OrganizationId}", new
        {
            name = "HTX Chè Mộc Châu (mới)", taxCode = "0100109106", kind = "cooperative",
            address = new { commune = "Xã Vân Hồ", province = "son la" }, contact = new { phone = "0212 3866 999" },
        })).Json(200);
        Assert.Equal(("HTX Chè Mộc Châu (mới)", "Sơn La", "0212 3866 999"),
            (moved.Str("name"), moved.GetProperty("address").Str("province"), moved.GetProperty("contact").Str("phone")));
        var organizations = await (await inspector.Client.GetAsync("/api/v1/organizations")).Json(200);
        Assert.Equal(2, organizations.GetProperty("total").GetInt32());
        await (await producer.Client.GetAsync("/api/v1/organizations")).Problem(403);

        var area = await producer.AddAreaAsync();
        var renamed = await (await producer.Client.PutAsJsonAsync($"/api/v1/production-areas/{area.Id()}", new
        {
            name = "Đồi chè Vân Hồ", commune = "Xã Vân Hồ", province = "Sơn La", hectares = 20,
        })).Json(200);
        Assert.Equal(("Đồi chè Vân Hồ", 20m), (renamed.Str("name"), renamed.GetProperty("hectares").GetDecimal()));
        var areas = await (await producer.Client.GetAsync("/api/v1/production-areas")).Json(200);
        Assert.Equal("Đồi chè Vân Hồ", Assert.Single(areas.GetProperty("items").EnumerateArray()).Str("name"));
    }

    [Fact]
    public async Task Lots_can_be_listed_for_one_gtin()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var tea = (await producer.AddProductAsync()).Str("gtin");
        var plum = (await producer.AddProductAsync()).Str("gtin");
        await producer.AddLotAsync(tea, "T1");
        await producer.AddLotAsync(tea, "T2");
        await producer.AddLotAsync(plum, "P1");
        var lots = await (await producer.Client.GetAsync($"/api/v1/lots?gtin={tea[1..]}")).Json(200);
        Assert.Equal(["T1", "T2"], lots.GetProperty("items").EnumerateArray().Select(l => l.Str("lotNumber")).Order());
        await (await producer.Client.GetAsync("/api/v1/lots?gtin=123")).FieldError("gtin", "must be 8, 12, 13 or 14 digits long");
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

public sealed class JourneyTestsOnSqlite() : JourneyTests(Lane.Sqlite);

public sealed class JourneyTestsOnPostgres() : JourneyTests(Lane.Postgres);
