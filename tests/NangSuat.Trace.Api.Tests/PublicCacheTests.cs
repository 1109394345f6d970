using System.Net;
using System.Net.Http.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>Public answers are served from the server's cache, and a change shows on the very next scan.</summary>
public abstract class PublicCacheTests(Lane lane)
{
    [Fact]
    public async Task A_recall_shows_on_the_next_scan_though_the_lot_page_was_cached()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var consumer = scene.App.Anonymous();
        var scan = $"/01/{scene.Gtin}/10/{scene.LotNumber}";
        var page = $"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}";
        Assert.DoesNotContain("class=\"recall\"", await consumer.GetStringAsync(page), StringComparison.Ordinal);
        var cached = await consumer.GetAsync(page);
        Assert.True(cached.Headers.Age is not null, "the second view of a page should come from the server's cache");
        Assert.Equal("no-cache", cached.Headers.CacheControl?.ToString());
        await consumer.GetAsync(scan + "?linkType=linkset");

        await (await scene.Producer.Client.PostAsJsonAsync($"/api/v1/lots/{scene.LotId}/recall", new { reason = "Nhiễm nấm mốc" })).Json(200);

        var redirect = await consumer.GetAsync(scan);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        var after = await consumer.GetStringAsync(redirect.Headers.Location!.PathAndQuery);
        Assert.Contains("class=\"recall\"", after, StringComparison.Ordinal);
        Assert.Contains("Nhiễm nấm mốc", after, StringComparison.Ordinal);
        var linkset = await (await consumer.GetAsync(scan + "?linkType=linkset")).Json(200);
        Assert.Equal("Lô hàng đã bị thu hồi", linkset.GetProperty("linkset")[0].GetProperty("https://ref.gs1.org/voc/recallStatus")[0].Str("title"));
    }

    [Fact]
    public async Task Every_change_a_page_shows_reaches_the_next_view()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var consumer = scene.App.Anonymous();
        var page = $"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}";
        async Task<string> View()
        {
            await consumer.GetStringAsync(page); // make sure the answer is cached before the change
            return page;
        }

        var inspector = await scene.App.NewMemberAsync("inspector", name: "Sở Nông nghiệp");
        var certificates = await (await scene.Producer.Client.GetAsync("/api/v1/certificates")).Json(200);
        var vietGap = certificates.GetProperty("items").EnumerateArray().Single(c => c.Str("number") == "VG-AREA-1");
        await View();
        await (await inspector.Client.PostAsJsonAsync($"/api/v1/certificates/{vietGap.Id()}/status", new { status = "suspended", reason = "Kiểm tra" })).Json(200);
        Assert.Contains("bị đình chỉ", await consumer.GetStringAsync(page), StringComparison.Ordinal);

        await View();
        await (await scene.Producer.Client.PutAsJsonAsync($"/api/v1/products/{scene.Product.Id()}", new { name = new { vi = "Chè Shan tuyết cổ thụ" } })).Json(200);
        Assert.Contains("Chè Shan tuyết cổ thụ", await consumer.GetStringAsync(page), StringComparison.Ordinal);

        await View();
        await (await scene.Producer.Client.PutAsJsonAsync($"/api/v1/production-areas/{scene.Area!.Value.Id()}", new { name = "Đồi chè Bản Áng", commune = "Xã Tân Lập", province = "Sơn La" })).Json(200);
        Assert.Contains("Đồi chè Bản Áng", await consumer.GetStringAsync(page), StringComparison.Ordinal);

        await View();
        await (await scene.App.Admin().PutAsJsonAsync($"/api/v1/organizations/{scene.Producer.OrganizationId}", new
        {
            name = "HTX Chè Bản Áng", taxCode = (await (await scene.App.Admin().GetAsync($"/api/v1/organizations/{scene.Producer.OrganizationId}")).Json(200)).Str("taxCode"),
            kind = "cooperative", address = new { commune = "Xã Tân Lập", province = "Sơn La" },
        })).Json(200);
        Assert.Contains("HTX Chè Bản Áng", await consumer.GetStringAsync(page), StringComparison.Ordinal);

        await View();
        await (await scene.Producer.Client.PutAsJsonAsync($"/api/v1/lots/{scene.LotId}", new { quantity = new { value = 321, unit = "kg" } })).Json(200);
        Assert.Contains("321 kg", await consumer.GetStringAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cached_answers_are_kept_apart_by_language_by_case_and_by_encoding()
    {
        // Over real HTTP: the test server hands the application a decoded request target.
        await using var scene = await Scene.LotAsync(lane, "ab1", overKestrel: true);
        await scene.Producer.AddLotAsync(scene.Gtin, "AB1", new { quantity = new { value = 111, unit = "kg" } });
        await scene.Producer.AddLotAsync(scene.Gtin, "A/7", new { quantity = new { value = 222, unit = "kg" } });
        await scene.Producer.AddLotAsync(scene.Gtin, "A%2F7", new { quantity = new { value = 333, unit = "kg" } });
        var consumer = scene.App.Anonymous();
        string Page(string encodedLot) => $"/san-pham/{scene.Gtin}/lo/{encodedLot}";
        for (var round = 0; round < 2; round++)
        {
            Assert.Contains("<html lang=\"vi\">", await consumer.GetStringAsync(Page("ab1")), StringComparison.Ordinal);
            Assert.Contains("<html lang=\"en\">", await scene.App.Anonymous("en").GetStringAsync(Page("ab1")), StringComparison.Ordinal);
            Assert.Contains("850 kg", await consumer.GetStringAsync(Page("ab1")), StringComparison.Ordinal);
            Assert.Contains("111 kg", await consumer.GetStringAsync(Page("AB1")), StringComparison.Ordinal);
            Assert.Contains("222 kg", await consumer.GetStringAsync(Page("A%2F7")), StringComparison.Ordinal);
            Assert.Contains("333 kg", await consumer.GetStringAsync(Page("A%252F7")), StringComparison.Ordinal);
            var lowercase = await consumer.GetAsync($"/01/{scene.Gtin}/10/ab1");
            Assert.EndsWith("/lo/ab1", lowercase.Headers.Location!.ToString(), StringComparison.Ordinal);
            var uppercase = await consumer.GetAsync($"/01/{scene.Gtin}/10/AB1");
            Assert.EndsWith("/lo/AB1", uppercase.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_registered_gtin_is_found_at_once_though_its_absence_was_cached()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var gtin = TestData.Gtin13();
        await (await app.Anonymous().GetAsync($"/01/{gtin}")).Problem(404);
        await (await app.Anonymous().GetAsync($"/01/{gtin}")).Problem(404);
        await producer.AddProductAsync(gtin);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, (await app.Anonymous().GetAsync($"/01/{gtin}")).StatusCode);
    }
}

public sealed class PublicCacheTestsOnSqlite() : PublicCacheTests(Lane.Sqlite);

public sealed class PublicCacheTestsOnPostgres() : PublicCacheTests(Lane.Postgres);
