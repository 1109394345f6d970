using System.Net.Http.Json;
using System.Text;
using NangSuat.Trace.Api.Tests.Infrastructure;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Tests;

public abstract class ValidationTests(Lane lane)
{
    [Fact]
    public async Task A_gtin_with_a_wrong_check_digit_is_rejected_with_the_digit_it_should_have()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var response = await producer.Client.PostAsJsonAsync("/api/v1/products", new { gtin = "8934563123459", name = new { vi = "Chè" } });
        await response.FieldError("gtin", "check digit should be 1, not 9");
    }

    [Fact]
    public async Task Errors_are_in_vietnamese_by_default_and_english_on_request()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var vietnamese = app.WithToken(producer.Token, language: null);
        var response = await vietnamese.PostAsJsonAsync("/api/v1/products", new { gtin = "8934563123459" });
        var problem = await response.Problem(400);
        Assert.Equal("Dữ liệu gửi lên chưa hợp lệ.", problem.Str("title"));
        Assert.Contains("số kiểm tra phải là 1, không phải 9", problem.GetProperty("errors").GetProperty("gtin")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("bắt buộc phải có", problem.GetProperty("errors").GetProperty("name.vi")[0].GetString());
    }

    [Fact]
    public async Task Every_failing_product_field_is_named_at_once()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync(companyPrefix: "8936099");
        var response = await producer.Client.PostAsJsonAsync("/api/v1/products", new
        {
            gtin = "8934563123451", name = new { vi = " " }, ocopStars = 6, imageUrl = "javascript:alert(1)", exportMarkets = new[] { "Japan" },
        });
        var problem = await response.Problem(400);
        var errors = problem.GetProperty("errors");
        Assert.Contains("company prefix 8936099", errors.GetProperty("gtin")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("is required", errors.GetProperty("name.vi")[0].GetString());
        Assert.Equal("an OCOP rating is 3, 4 or 5 stars", errors.GetProperty("ocopStars")[0].GetString());
        Assert.Contains("PUT /api/v1/products/{id}/image", errors.GetProperty("imageUrl")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("ISO 3166", errors.GetProperty("exportMarkets[0]")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organization_rules_name_the_field_and_the_reason()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var admin = app.Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/organizations", new
        {
            name = "HTX", taxCode = "0300588568", kind = "company", gln = "9501101020017",
            address = new { commune = "Xã Tân Lập", province = "Bình Dương" }, contact = new { email = "not-an-email" },
        });
        var problem = await response.Problem(400);
        var errors = problem.GetProperty("errors");
        Assert.Equal("check digit (10th) should be 9, not 8", errors.GetProperty("taxCode")[0].GetString());
        Assert.Equal("'company' is not allowed; use one of: enterprise, cooperative, household, authority", errors.GetProperty("kind")[0].GetString());
        Assert.Equal("check digit should be 6, not 7", errors.GetProperty("gln")[0].GetString());
        Assert.Equal("Bình Dương merged into Thành phố Hồ Chí Minh on 1 July 2025; use Thành phố Hồ Chí Minh", errors.GetProperty("address.province")[0].GetString());
        Assert.Equal("is not a valid email address", errors.GetProperty("contact.email")[0].GetString());
    }

    [Theory]
    [InlineData("0100109106-001", "son la", "Sơn La")]
    [InlineData("0300588569", "TP HCM", "Thành phố Hồ Chí Minh")]
    [InlineData("0100109106", "Tỉnh Đắk Lắk", "Đắk Lắk")]
    public async Task Branch_tax_codes_and_everyday_province_spellings_are_accepted(string taxCode, string province, string stored)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var organization = await (await app.Admin().PostAsJsonAsync("/api/v1/organizations", new
        {
            name = "Công ty CP Sữa", taxCode, kind = "enterprise", address = new { commune = "Phường 1", province },
        })).Json(201);
        Assert.Equal(stored, organization.GetProperty("address").Str("province"));
    }

    [Fact]
    public async Task Lot_rules_name_the_field_and_the_reason()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var response = await producer.Client.PostAsJsonAsync("/api/v1/lots", new
        {
            gtin = product.Str("gtin"), lotNumber = "LÔ 1", productionDate = "2026-11-05", packingDate = "2026-11-01",
            expiryDate = "2027-01-01", bestBeforeDate = "2027-01-01", quantity = new { value = 0, unit = "" }, productionAreaId = Guid.NewGuid(),
        });
        var errors = (await response.Problem(400)).GetProperty("errors");
        Assert.Contains("not in the GS1 character set 82", errors.GetProperty("lotNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("must not be before productionDate", errors.GetProperty("packingDate")[0].GetString());
        Assert.Equal("give expiryDate or bestBeforeDate, not both", errors.GetProperty("expiryDate")[0].GetString());
        Assert.Equal("must be more than 0", errors.GetProperty("quantity.value")[0].GetString());
        Assert.Equal("is required", errors.GetProperty("quantity.unit")[0].GetString());
        Assert.Equal("your organization has no such production area", errors.GetProperty("productionAreaId")[0].GetString());
    }

    [Fact]
    public async Task Certificate_rules_name_the_field_and_the_reason()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var response = await producer.Client.PostAsJsonAsync("/api/v1/certificates", new
        {
            type = "iso9001", number = "", issuer = "Bureau", validFrom = "2026-01-01", validTo = "2025-01-01",
            productId = Guid.NewGuid(), productionAreaId = Guid.NewGuid(),
        });
        var errors = (await response.Problem(400)).GetProperty("errors");
        Assert.Contains("use one of: vietGap, globalGap, organic, ocop, iso22000, haccp, other", errors.GetProperty("type")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("is required", errors.GetProperty("number")[0].GetString());
        Assert.Equal("must not be before validFrom", errors.GetProperty("validTo")[0].GetString());
        Assert.StartsWith("give one subject only", errors.GetProperty("productId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_has_a_wrong_type_gets_a_400_naming_the_field()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var broken = await producer.Client.PostAsync("/api/v1/products", new StringContent("{\"gtin\": ", Encoding.UTF8, "application/json"));
        await broken.Problem(400);
        var wrongType = await producer.Client.PostAsync("/api/v1/lots",
            new StringContent("{\"gtin\":\"1\",\"lotNumber\":\"A\",\"quantity\":{\"value\":\"lots\",\"unit\":\"kg\"}}", Encoding.UTF8, "application/json"));
        await wrongType.FieldError("quantity.value", "wrong type");
        var badDate = await producer.Client.PostAsync("/api/v1/lots",
            new StringContent("{\"gtin\":\"1\",\"lotNumber\":\"A\",\"productionDate\":\"31/12/2026\"}", Encoding.UTF8, "application/json"));
        await badDate.FieldError("productionDate", "wrong type");
    }

    [Theory]
    [InlineData("Chè\\u0000", "control character or broken Unicode")]
    [InlineData("Chè\\ud800", "the JSON is malformed")]
    [InlineData("Chè\\u001b[31m", "control character or broken Unicode")]
    public async Task Text_with_control_characters_or_broken_unicode_is_a_400_not_a_database_error(string escapedName, string reason)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var json = $"{{\"gtin\":\"{TestData.Gtin13()}\",\"name\":{{\"vi\":\"{escapedName}\"}},\"description\":\"Dòng 1\\nDòng 2\"}}";
        var response = await producer.Client.PostAsync("/api/v1/products", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.FieldError("name.vi", reason);
    }

    [Fact]
    public async Task Paging_outside_its_bounds_is_a_400()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await (await producer.Client.GetAsync("/api/v1/products?page=0")).FieldError("page", "must be 1 or more");
        await (await producer.Client.GetAsync("/api/v1/lots?pageSize=1000")).FieldError("pageSize", "between 1 and 100");
        await (await producer.Client.GetAsync("/api/v1/lots?page=abc")).FieldError("page", "wrong type");
        await (await producer.Client.PostAsync("/api/v1/lots", new StringContent("gtin=1", Encoding.UTF8, "text/plain"))).Problem(415);
    }

    [Fact]
    public async Task Duplicates_are_409_and_leave_the_first_record_untouched()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var other = await app.NewMemberAsync(name: "HTX khác");
        var product = await producer.AddProductAsync(nameVi: "Bản gốc");
        var gtin = product.Str("gtin");
        var again = await other.Client.PostAsJsonAsync("/api/v1/products", new { gtin = gtin[1..], name = new { vi = "Bản sao" } });
        Assert.Contains(gtin, (await again.Problem(409)).Str("detail"), StringComparison.Ordinal);

        await producer.AddLotAsync(gtin, "A1");
        var lotAgain = await producer.Client.PostAsJsonAsync("/api/v1/lots", new { gtin, lotNumber = "A1" });
        await lotAgain.Problem(409);

        var certificate = await producer.AddCertificateAsync(new { }, number: "VG-1");
        var certificateAgain = await producer.Client.PostAsJsonAsync("/api/v1/certificates", new
        {
            type = "vietGap", number = "VG-1", issuer = "Trung tâm Chứng nhận VietGAP", validFrom = "2025-01-01", validTo = "2027-01-01",
        });
        await certificateAgain.Problem(409);

        var taxCode = (await (await app.Admin().GetAsync($"/api/v1/organizations/{producer.OrganizationId}")).Json(200)).Str("taxCode");
        var orgAgain = await app.Admin().PostAsJsonAsync("/api/v1/organizations", new { name = "X", taxCode, kind = "household", address = new { commune = "Xã A", province = "Sơn La" } });
        await orgAgain.Problem(409);

        var products = await (await app.Admin().GetAsync($"/api/v1/products?gtin={gtin}")).Json(200);
        Assert.Equal("Bản gốc", Assert.Single(products.GetProperty("items").EnumerateArray()).GetProperty("name").Str("vi"));
        var lots = await (await producer.Client.GetAsync("/api/v1/lots")).Json(200);
        Assert.Equal(1, lots.GetProperty("total").GetInt32());
        Assert.Equal(certificate.Id(), (await (await producer.Client.GetAsync("/api/v1/certificates")).Json(200)).GetProperty("items")[0].Id());
    }

    [Fact]
    public async Task Simultaneous_registrations_of_one_gtin_give_one_201_and_409s_never_a_500()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var gtin = TestData.Gtin13();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            producer.Client.PostAsJsonAsync("/api/v1/products", new { gtin, name = new { vi = $"Lần {i}" } })));
        var statuses = attempts.Select(r => (int)r.StatusCode).Order().ToList();
        Assert.Equal([201, 409, 409, 409, 409, 409, 409, 409], statuses);
    }

    [Fact]
    public async Task A_rejected_write_leaves_nothing_behind()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var gtin = TestData.Gtin13();
        await (await producer.Client.PostAsJsonAsync("/api/v1/products", new { gtin, name = new { vi = "Chè" }, ocopStars = 2 })).Problem(400);
        var list = await (await producer.Client.GetAsync("/api/v1/products")).Json(200);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        await producer.AddProductAsync(gtin); // the GTIN is still free
    }

    [Fact]
    public async Task A_lot_number_and_gtin_printed_on_labels_cannot_change()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var lot = await producer.AddLotAsync(product.Str("gtin"), "A1");
        await (await producer.Client.PutAsJsonAsync($"/api/v1/lots/{lot.Id()}", new { lotNumber = "A2" })).FieldError("lotNumber", "cannot change");
        await (await producer.Client.PutAsJsonAsync($"/api/v1/products/{product.Id()}", new { gtin = CheckDigit.Append("893456312345"), name = new { vi = "X" } }))
            .FieldError("gtin", "cannot change");
    }
}

public sealed class ValidationTestsOnSqlite() : ValidationTests(Lane.Sqlite);

public sealed class ValidationTestsOnPostgres() : ValidationTests(Lane.Postgres);
