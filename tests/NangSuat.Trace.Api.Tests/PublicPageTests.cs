using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public abstract partial class PublicPageTests(Lane lane)
{
    [Fact]
    public async Task The_lot_page_is_vietnamese_by_default_and_english_on_request()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", nameVi: "Chè Shan tuyết Mộc Châu");
        var app = scene.App;
        var gtin = scene.Gtin;
        var path = $"/san-pham/{gtin}/lo/MC2611A";
        var vietnamese = await app.Anonymous().GetStringAsync(path);
        Assert.Contains("<html lang=\"vi\">", vietnamese, StringComparison.Ordinal);
        Assert.Contains("Ngày sản xuất / thu hoạch", vietnamese, StringComparison.Ordinal);
        Assert.Contains("01/11/2026", vietnamese, StringComparison.Ordinal);
        Assert.Contains("Sử dụng tốt nhất trước", vietnamese, StringComparison.Ordinal);
        Assert.Contains("Tiêu chuẩn áp dụng", vietnamese, StringComparison.Ordinal);
        Assert.Contains("OCOP 4 sao", vietnamese, StringComparison.Ordinal);

        var byHeader = await app.Anonymous("en-US,en;q=0.9").GetStringAsync(path);
        var byQuery = await app.Anonymous().GetStringAsync(path + "?lang=en");
        foreach (var english in new[] { byHeader, byQuery })
        {
            Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
            Assert.Contains("Shan Tuyet tea", english, StringComparison.Ordinal);
            Assert.Contains("Production / harvest date", english, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Everything_a_producer_typed_is_escaped_on_the_public_page()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", nameVi: "Chè Shan tuyết Mộc Châu", productExtra: new { description = "<script>alert('x')</script>", brand = "\"><img src=x onerror=alert(1)>" });
        var app = scene.App;
        var producer = scene.Producer;
        var gtin = scene.Gtin;
        var lot = scene.Lot;
        await producer.Client.PostAsJsonAsync($"/api/v1/lots/{lot.Id()}/recall", new { reason = "<b>bad</b> & worse" });
        var page = await app.Anonymous().GetStringAsync($"/san-pham/{gtin}/lo/MC2611A");
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bad</b>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bad&lt;/b&gt; &amp; worse", page, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recalled_lot_shows_a_red_recall_banner_with_the_reason()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", nameVi: "Chè Shan tuyết Mộc Châu");
        var app = scene.App;
        var gtin = scene.Gtin;
        var lot = scene.Lot;
        var inspector = await app.NewMemberAsync("inspector", name: "Sở KH&CN");
        Assert.DoesNotContain("class=\"recall\"", await app.Anonymous().GetStringAsync($"/san-pham/{gtin}/lo/MC2611A"), StringComparison.Ordinal);
        await (await inspector.Client.PostAsJsonAsync($"/api/v1/lots/{lot.Id()}/recall", new { reason = "Phát hiện dư lượng thuốc BVTV vượt ngưỡng" })).Json(200);
        var page = await app.Anonymous().GetStringAsync($"/san-pham/{gtin}/lo/MC2611A");
        Assert.Contains("class=\"recall\"", page, StringComparison.Ordinal);
        Assert.Contains("Lô hàng này đã bị thu hồi", page, StringComparison.Ordinal);
        Assert.Contains("Phát hiện dư lượng thuốc BVTV vượt ngưỡng", page, StringComparison.Ordinal);
        await (await inspector.Client.PostAsJsonAsync($"/api/v1/lots/{lot.Id()}/recall", new { reason = "lần hai" })).Problem(409);
    }

    [Fact]
    public async Task The_page_needs_no_script_and_asks_no_other_host()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", nameVi: "Chè Shan tuyết Mộc Châu");
        var app = scene.App;
        var producer = scene.Producer;
        var gtin = scene.Gtin;
        // Photos come from the portal itself: an address elsewhere is refused, whatever trick it uses.
        foreach (var elsewhere in new[] { "https://cdn.example.com/tea.jpg", "/\\127.0.0.1:9/pixel.png", "/\t/host/p.png", "//evil.example/p.png" })
        {
            var refused = await producer.Client.PostAsJsonAsync("/api/v1/products", new { gtin = TestData.Gtin13(), name = new { vi = "Chè" }, imageUrl = elsewhere });
            await refused.FieldError("imageUrl", "PUT /api/v1/products/{id}/image");
        }

        // A photo address left by an older version of the portal is not shown either.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NangSuat.Trace.Api.Data.TraceDb>();
            var product = await db.Products.SingleAsync(p => p.Gtin == gtin, TestContext.Current.CancellationToken);
            product.ImageUrl = "/\\127.0.0.1:9/pixel.png";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await app.Anonymous().GetStringAsync($"/san-pham/{gtin}/lo/MC2611A");
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", page, StringComparison.Ordinal);
        // src= and <link href= make the browser fetch.
        Assert.Empty(ExternalFetch().Matches(page));
    }

    [Fact]
    public async Task An_invalid_or_unknown_code_gets_a_friendly_page_with_the_right_status()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", nameVi: "Chè Shan tuyết Mộc Châu");
        var app = scene.App;
        var gtin = scene.Gtin;
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var invalid = await browser.GetAsync("/01/08934563123459");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("text/html", invalid.Content.Headers.ContentType?.MediaType);
        var invalidPage = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Mã không hợp lệ", invalidPage, StringComparison.Ordinal);
        Assert.Contains("số kiểm tra phải là 1, không phải 9", invalidPage, StringComparison.Ordinal);

        var unknown = await browser.GetAsync($"/san-pham/{gtin}/lo/KHONGCO");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unknownPage = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("Không tìm thấy thông tin", unknownPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/san-pham/{gtin}\"", unknownPage, StringComparison.Ordinal);

        // Scanned, the same unknown lot walks up to the product page, which warns the consumer.
        var scanned = await browser.GetAsync($"/01/{gtin}/10/KHONGCO");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, scanned.StatusCode);
        var warned = await browser.GetStringAsync(scanned.Headers.Location!.PathAndQuery);
        Assert.Contains("Lô KHONGCO không được nhà sản xuất đăng ký cho sản phẩm này.", warned, StringComparison.Ordinal);
        Assert.Contains("Chè Shan tuyết Mộc Châu", warned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_valid_certificate_whose_chain_holds_gets_a_badge_and_each_shows_its_live_standing()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", nameVi: "Chè Shan tuyết Mộc Châu");
        var app = scene.App;
        var producer = scene.Producer;
        var gtin = scene.Gtin;
        var inspector = await app.NewMemberAsync("inspector", name: "Sở Nông nghiệp");
        var body = await app.AddDesignatedBodyAsync();
        await producer.AddCertificateAsync(new { bodyId = body }, number: "VALID-1");
        await producer.AddCertificateAsync(new { }, number: "TYPED-1");
        await producer.AddCertificateAsync(new { bodyId = body }, number: "EXPIRED-1", validFrom: "2024-01-01", validTo: "2024-06-01");
        await producer.AddCertificateAsync(new { bodyId = body }, number: "FUTURE-1", validFrom: "2099-01-01", validTo: "2099-12-31");
        var suspended = await producer.AddCertificateAsync(new { bodyId = body }, number: "SUSPENDED-1");
        var revoked = await producer.AddCertificateAsync(new { bodyId = body }, number: "REVOKED-1");
        await (await inspector.Client.PostAsJsonAsync($"/api/v1/certificates/{suspended.Id()}/status", new { status = "suspended", reason = "Kiểm tra đột xuất" })).Json(200);
        await (await inspector.Client.PostAsJsonAsync($"/api/v1/certificates/{revoked.Id()}/status", new { status = "revoked", reason = "Giả mạo hồ sơ" })).Json(200);

        var page = await app.Anonymous().GetStringAsync($"/san-pham/{gtin}/lo/MC2611A?lang=en");
        var standings = CertificateBlock().Matches(page).ToDictionary(m => m.Groups["number"].Value, m => m.Groups["mark"].Value + m.Groups["reasons"].Value);
        Assert.Equal(6, standings.Count);
        Assert.Contains("class=\"badge\">✓ Verified · valid", standings["VALID-1"], StringComparison.Ordinal);
        // Within its dates, but from an issuer the registry does not hold: no badge, and the reason in words.
        Assert.Contains(">Not verified<", standings["TYPED-1"], StringComparison.Ordinal);
        Assert.Contains("not in the registry", standings["TYPED-1"], StringComparison.Ordinal);
        Assert.Contains(">expired<", standings["EXPIRED-1"], StringComparison.Ordinal);
        Assert.Contains(">not yet valid<", standings["FUTURE-1"], StringComparison.Ordinal);
        Assert.Contains(">suspended<", standings["SUSPENDED-1"], StringComparison.Ordinal);
        Assert.Contains(">revoked<", standings["REVOKED-1"], StringComparison.Ordinal);
        Assert.Single(standings.Values, v => v.Contains("badge", StringComparison.Ordinal));

        // Suspending the body's designation takes the badge away at once, cached page or not.
        var designation = (await app.Admin().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/certification-bodies/{body}")).GetProperty("designations")[0].Id();
        await (await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body}/designations/{designation}/status", new { status = "suspended", reason = "Thanh tra" })).Json(200);
        var after = await app.Anonymous().GetStringAsync($"/san-pham/{gtin}/lo/MC2611A?lang=en");
        Assert.DoesNotContain("class=\"badge\"", after, StringComparison.Ordinal);
        Assert.Contains("has been suspended since the certificate was issued", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_looks_a_certificate_up_by_its_number_and_a_program_reads_it_as_certification_details()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var anyone = app.Anonymous();
        var form = await anyone.GetStringAsync("/chung-nhan");
        Assert.Contains("name=\"so\"", form, StringComparison.Ordinal);

        var found = await anyone.GetStringAsync("/chung-nhan?so=vg-area-1");
        var path = Regex.Match(found, "href=\"(/chung-nhan/[0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEmpty(path);
        var page = await anyone.GetStringAsync(path + "?lang=en");
        Assert.Contains("✓ Verified", page, StringComparison.Ordinal);
        Assert.Contains("Đồi chè Tân Lập", page, StringComparison.Ordinal);
        Assert.Contains("Trung tâm Chứng nhận VietGAP", page, StringComparison.Ordinal);

        var missing = await anyone.GetStringAsync("/chung-nhan?so=GIA-MAO-999");
        Assert.Contains("Không có chứng nhận số GIA-MAO-999 trên cổng này", missing, StringComparison.Ordinal);
        var hostile = await anyone.GetAsync("/chung-nhan?so=" + Uri.EscapeDataString("<script>alert(1)</script>\u0007"));
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.DoesNotContain("<script>alert", await hostile.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ocop = Regex.Match(await anyone.GetStringAsync("/chung-nhan?so=OCOP-PRODUCT-1"), "href=\"(/chung-nhan/[0-9a-f-]{36})\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, ocop);
        request.Headers.Accept.ParseAdd("application/ld+json");
        var jsonLd = await anyone.SendAsync(request);
        Assert.Equal("application/ld+json", jsonLd.Content.Headers.ContentType?.MediaType);
        var details = System.Text.Json.JsonDocument.Parse(await jsonLd.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("gs1:CertificationDetails", details.Str("@type"));
        Assert.Equal(("OCOP-PRODUCT-1", "4", "ACTIVE"), (details.Str("gs1:certificationIdentification"), details.Str("gs1:certificationValue"), details.Str("gs1:certificationStatus")));
        Assert.Equal("Trung tâm Chứng nhận VietGAP", details.Str("gs1:certificationAgency"));
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/chung-nhan/{Guid.NewGuid()}")).StatusCode);
    }

    [GeneratedRegex("""(?:src|<link[^>]*href)\s*=\s*"(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalFetch();

    [GeneratedRegex("""<div class="cert"[^>]*><strong>[^<]*</strong>\s*(?<mark><span[^>]*>[^<]*</span>)\s*(?<reasons><ul class="reasons">.*?</ul>)?\s*<dl>\s*<dt>Number</dt><dd><a[^>]*>(?<number>[^<]*)</a></dd>""", RegexOptions.Singleline)]
    private static partial Regex CertificateBlock();
}

public sealed class PublicPageTestsOnSqlite() : PublicPageTests(Lane.Sqlite);

public sealed class PublicPageTestsOnPostgres() : PublicPageTests(Lane.Postgres);
