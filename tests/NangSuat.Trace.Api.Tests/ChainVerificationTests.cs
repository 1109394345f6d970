using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>
/// The certification chain through the API, on each database: a lot whose every link holds is
/// verified, and each link is made to fail alone by changing one record as a real mistake or fraud would.
/// </summary>
public abstract class ChainVerificationTests(Lane lane)
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    /// <summary>A body designated for VietGAP and OCOP crops, a cooperative with a tea product from a coded hill, a certificate covering both, and a lot of it.</summary>
    private sealed record Chain(TraceApp App, Member Producer, Member Inspector, Guid Body, Guid Designation, Guid Product, string Gtin, Guid Area, Guid Certificate, Guid Lot)
    {
        public async Task<Guid> LotAsync(string gtin, Guid? area, int producedOffset = -200)
        {
            var lot = await Producer.Client.PostAsJsonAsync("/api/v1/lots", new { gtin, lotNumber = $"L{Guid.NewGuid():N}"[..12], productionAreaId = area, productionDate = Day(producedOffset) }, Cancel);
            return (await lot.Json(201)).Id();
        }

        public async Task<Guid> AreaAsync(string name, string? areaCode) =>
            (await (await Producer.Client.PostAsJsonAsync("/api/v1/production-areas", new { name, areaCode, commune = "Xã Tân Lập", province = "Sơn La" }, Cancel)).Json(201)).Id();

        public async Task<(Guid Id, string Gtin)> ProductAsync(string name, int? ocopStars = null)
        {
            var gtin = TestData.Gtin13();
            var product = await Producer.Client.PostAsJsonAsync("/api/v1/products", new { gtin, name = new { vi = name }, group = "crop", ocopStars }, Cancel);
            return ((await product.Json(201)).Id(), gtin);
        }

        public async Task<JsonElement> VerifyAsync(Guid lot) => await (await Inspector.Client.GetAsync($"/api/v1/lots/{lot}/verification", Cancel)).Json(200);
    }

    private async Task<Chain> ChainAsync()
    {
        var app = await TraceApp.StartAsync(lane);
        var inspector = await app.NewMemberAsync("inspector", name: "Sở Nông nghiệp và Môi trường Sơn La");
        var producer = await app.NewMemberAsync();
        var body = (await (await inspector.Client.PostAsJsonAsync("/api/v1/certification-bodies", CertificationBodyTests.Body(), Cancel)).Json(201)).Id();
        var designation = (await (await inspector.Client.PostAsJsonAsync($"/api/v1/certification-bodies/{body}/designations", new
        {
            authority = "Cục Trồng trọt", decisionNumber = "1215/QĐ-TT-CLT", decisionDate = Day(-905), standards = new[] { "vietGap", "ocop" }, scopes = new[] { "crop" },
            validFrom = Day(-900), validTo = Day(900),
        }, Cancel)).Json(201)).Id();
        var chain = new Chain(app, producer, inspector, body, designation, default, "", default, default, default);
        var (product, gtin) = await chain.ProductAsync("Chè Shan tuyết");
        var area = await chain.AreaAsync("Đồi chè Tân Lập", "SL-TL-001");
        var uncoded = await chain.AreaAsync("Nương chè Bản Áng", null);
        var certificate = (await (await producer.Client.PostAsJsonAsync("/api/v1/certificates", new
        {
            standard = "vietGap", number = "VG-2025-0117", bodyId = body, issuedOn = Day(-500), validFrom = Day(-500), validTo = Day(500),
            scope = new { productIds = new[] { product }, productionAreaIds = new[] { area, uncoded } },
        }, Cancel)).Json(201)).Id();
        chain = chain with { Product = product, Gtin = gtin, Area = area, Certificate = certificate };
        return chain with { Lot = await chain.LotAsync(gtin, area) };
    }

    private static void OnlyFails(JsonElement verification, string code, string outcome = "fail")
    {
        Assert.False(verification.GetProperty("verified").GetBoolean());
        var failing = verification.GetProperty("checks").EnumerateArray().Where(c => c.Str("outcome") is "fail" or "warn").ToList();
        var only = Assert.Single(failing);
        Assert.Equal((code, outcome), (only.Str("code"), only.Str("outcome")));
        Assert.False(string.IsNullOrWhiteSpace(only.GetProperty("reason").Str("vi")));
        Assert.False(string.IsNullOrWhiteSpace(only.GetProperty("reason").Str("en")));
    }

    [Fact]
    public async Task A_lot_whose_every_link_holds_is_verified_naming_the_decision_and_where_the_log_recorded_it()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        var verification = await chain.VerifyAsync(chain.Lot);
        Assert.True(verification.GetProperty("verified").GetBoolean(), verification.ToString());
        var checks = verification.GetProperty("checks").EnumerateArray().ToDictionary(c => c.Str("code"));
        Assert.Equal(["areaCode", "designatedOnIssue", "designationInForce", "notSuspendedOrRevoked", "ocopRating", "scopeCoversArea", "scopeCoversProduct", "validOnHarvest"], checks.Keys.Order());
        Assert.Equal("1215/QĐ-TT-CLT", checks["designatedOnIssue"].Str("evidence"));
        Assert.Equal("notApplicable", checks["ocopRating"].Str("outcome"));
        Assert.Equal(chain.Certificate, Assert.Single(verification.GetProperty("certificates").EnumerateArray()).Id());
        Assert.Equal(("lot", "created"), (verification.GetProperty("recorded").Str("entity"), verification.GetProperty("recorded").Str("action")));

        // The producer reads its own chain; a stranger's token finds nothing.
        await (await chain.Producer.Client.GetAsync($"/api/v1/certificates/{chain.Certificate}/verification", Cancel)).Json(200);
        var stranger = await app.NewMemberAsync(name: "HTX khác");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/lots/{chain.Lot}/verification", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Issued_before_the_body_was_designated_fails_designated_on_issue_alone()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        var update = await chain.Producer.Client.PutAsJsonAsync($"/api/v1/certificates/{chain.Certificate}", new
        {
            standard = "vietGap", number = "VG-2025-0117", bodyId = chain.Body, issuedOn = Day(-950), validFrom = Day(-500), validTo = Day(500),
            scope = new { productIds = new[] { chain.Product }, productionAreaIds = new[] { chain.Area } },
        }, Cancel);
        await update.Json(200);
        OnlyFails(await chain.VerifyAsync(chain.Lot), "designatedOnIssue");
    }

    [Fact]
    public async Task A_designation_revoked_after_issue_fails_designation_in_force_alone_and_a_suspended_one_warns()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        var status = $"/api/v1/certification-bodies/{chain.Body}/designations/{chain.Designation}/status";
        await (await chain.Inspector.Client.PostAsJsonAsync(status, new { status = "suspended", reason = "Chưa nộp báo cáo năm" }, Cancel)).Json(200);
        OnlyFails(await chain.VerifyAsync(chain.Lot), "designationInForce", "warn");
        await (await chain.Inspector.Client.PostAsJsonAsync(status, new { status = "revoked", reason = "Vi phạm nghiêm trọng" }, Cancel)).Json(200);
        OnlyFails(await chain.VerifyAsync(chain.Lot), "designationInForce");
    }

    [Fact]
    public async Task A_lot_produced_before_the_certificate_was_valid_fails_valid_on_harvest_alone()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        OnlyFails(await chain.VerifyAsync(await chain.LotAsync(chain.Gtin, chain.Area, producedOffset: -600)), "validOnHarvest");
    }

    [Fact]
    public async Task Another_product_from_the_certified_hill_fails_scope_covers_product_alone()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        var (_, plum) = await chain.ProductAsync("Mận hậu");
        OnlyFails(await chain.VerifyAsync(await chain.LotAsync(plum, chain.Area)), "scopeCoversProduct");
    }

    [Fact]
    public async Task The_certified_product_from_another_hill_fails_scope_covers_area_alone()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        var other = await chain.AreaAsync("Đồi chè Chiềng Sơn", "SL-CS-002");
        OnlyFails(await chain.VerifyAsync(await chain.LotAsync(chain.Gtin, other)), "scopeCoversArea");
    }

    [Fact]
    public async Task A_suspended_certificate_fails_not_suspended_or_revoked_alone()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        await (await chain.Inspector.Client.PostAsJsonAsync($"/api/v1/certificates/{chain.Certificate}/status", new { status = "suspended", reason = "Kiểm tra đột xuất" }, Cancel)).Json(200);
        OnlyFails(await chain.VerifyAsync(chain.Lot), "notSuspendedOrRevoked");
    }

    [Fact]
    public async Task An_ocop_rating_of_other_stars_than_the_product_claims_fails_ocop_rating_alone()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        var (rated, gtin) = await chain.ProductAsync("Chè Shan tuyết hộp quà", ocopStars: 4);
        await (await chain.Producer.Client.PostAsJsonAsync("/api/v1/certificates", new
        {
            standard = "ocop", number = "OCOP-SL-2025-12", bodyId = chain.Body, issuedOn = Day(-300), validFrom = Day(-300), validTo = Day(795), ocopStars = 3,
            scope = new { productIds = new[] { rated } },
        }, Cancel)).Json(201);
        // The VietGAP certificate names only the first product, so it is not this lot's: the OCOP rating alone is checked.
        var verification = await chain.VerifyAsync(await chain.LotAsync(gtin, null));
        OnlyFails(verification, "ocopRating");
        Assert.Contains("4", verification.GetProperty("checks").EnumerateArray().Single(c => c.Str("code") == "ocopRating").GetProperty("reason").Str("en"));
    }

    [Fact]
    public async Task A_hill_without_its_growing_area_code_fails_area_code_alone()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        var areas = await (await chain.Producer.Client.GetAsync("/api/v1/production-areas?pageSize=10", Cancel)).Json(200);
        var uncoded = areas.GetProperty("items").EnumerateArray().Single(a => a.Str("name") == "Nương chè Bản Áng").Id();
        OnlyFails(await chain.VerifyAsync(await chain.LotAsync(chain.Gtin, uncoded)), "areaCode");
    }

    [Fact]
    public async Task An_issuer_typed_as_text_is_not_in_the_registry_until_an_inspector_links_it()
    {
        var chain = await ChainAsync();
        await using var app = chain.App;
        var (product, gtin) = await chain.ProductAsync("Chè xanh");
        var legacy = (await (await chain.Producer.Client.PostAsJsonAsync("/api/v1/certificates", new
        {
            type = "vietGap", number = "VG-CU-01", issuer = "Trung tâm Chứng nhận Tây Bắc", validFrom = Day(-500), validTo = Day(500), productId = product,
        }, Cancel)).Json(201));
        Assert.False(legacy.GetProperty("issuerInRegistry").GetBoolean());
        var lot = await chain.LotAsync(gtin, chain.Area);
        var before = await chain.VerifyAsync(lot);
        var designated = before.GetProperty("checks").EnumerateArray().Single(c => c.Str("code") == "designatedOnIssue" && c.GetProperty("certificateId").GetGuid() == legacy.Id());
        Assert.Equal("fail", designated.Str("outcome"));
        Assert.Contains("not in the registry", designated.GetProperty("reason").Str("en"));

        Assert.Equal(HttpStatusCode.Forbidden, (await chain.Producer.Client.PostAsJsonAsync($"/api/v1/certificates/{legacy.Id()}/body", new { bodyId = chain.Body }, Cancel)).StatusCode);
        await (await chain.Inspector.Client.PostAsJsonAsync($"/api/v1/certificates/{legacy.Id()}/body", new { bodyId = Guid.NewGuid() }, Cancel)).FieldError("bodyId", "registry");
        await (await chain.Inspector.Client.PostAsJsonAsync($"/api/v1/certificates/{legacy.Id()}/body", new { bodyId = chain.Body }, Cancel)).Json(200);
        var after = await (await chain.Inspector.Client.GetAsync($"/api/v1/certificates/{legacy.Id()}/verification", Cancel)).Json(200);
        Assert.True(after.GetProperty("verified").GetBoolean(), after.ToString());
    }
}

public sealed class ChainVerificationTestsOnSqlite() : ChainVerificationTests(Lane.Sqlite);

public sealed class ChainVerificationTestsOnPostgres() : ChainVerificationTests(Lane.Postgres);
