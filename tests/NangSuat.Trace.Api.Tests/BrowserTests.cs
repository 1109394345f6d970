using NangSuat.Trace.TestSupport;
using System.Net.Http.Json;
using Microsoft.Playwright;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>A consumer's phone: real Chromium against the real server on a loopback port.</summary>
public abstract class BrowserTests(Lane lane)
{
    [Fact]
    public async Task A_scanned_label_opens_a_readable_lot_page_on_a_360px_phone_without_sideways_scrolling()
    {
        ExternalComponents.Require(File.Exists("/usr/bin/chromium"), "Chromium (/usr/bin/chromium)");
        await using var app = await TraceApp.StartAsync(lane, baseUrl: null);
        app.StartKestrel();
        var producer = await app.NewMemberAsync(name: "Hợp tác xã Nông nghiệp Chè Mộc Châu và các vùng lân cận tỉnh Sơn La");
        var product = await producer.AddProductAsync(nameVi: "Chè Shan tuyết Mộc Châu");
        var area = await producer.AddAreaAsync();
        var body = await app.AddDesignatedBodyAsync();
        await producer.AddCertificateAsync(new { productionAreaId = area.Id(), bodyId = body }, number: "VietGAP-TT-13-05-14-0012-RẤT-DÀI-KHÔNG-CÓ-DẤU-CÁCH");
        var lot = await producer.AddLotAsync(product.Str("gtin"), "MC2611A", new { productionAreaId = area.Id() });
        var digitalLink = lot.Str("digitalLink");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, Locale = "vi-VN",
        });
        var page = await context.NewPageAsync();
        var origin = new Uri(digitalLink).GetLeftPart(UriPartial.Authority);
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        var response = await page.GotoAsync(digitalLink);
        Assert.Equal(200, response!.Status);
        Assert.StartsWith($"{origin}/san-pham/", page.Url, StringComparison.Ordinal);
        foreach (var text in new[] { "Chè Shan tuyết Mộc Châu", "MC2611A", "Hợp tác xã Nông nghiệp Chè Mộc Châu", "01/11/2026", "03/11/2026", "01/05/2028", "Đồi chè Tân Lập", "Đã xác minh", "còn hiệu lực" })
        {
            await Assertions.Expect(page.GetByText(text, new() { Exact = false }).First).ToBeVisibleAsync();
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"page is {scrollWidth}px wide in a {innerWidth}px viewport");
        Assert.All(requested, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        var file = Path.Combine(screenshots, $"lot-page-360x740-{lane.ToString().ToLowerInvariant()}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000);
    }
}

public abstract class SheetBrowserTests(Lane lane)
{
    [Fact]
    public async Task A_printed_a4_sheet_holds_every_label_of_the_stock_and_each_one_scans()
    {
        ExternalComponents.Require(File.Exists("/usr/bin/chromium"), "Chromium (/usr/bin/chromium)");
        await using var app = await TraceApp.StartAsync(lane);
        app.StartKestrel();
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var lot = await producer.AddLotAsync(product.Str("gtin"), "MC2611A");
        var batch = await (await producer.Client.PostAsJsonAsync($"/api/v1/lots/{lot.Id()}/serials", new { count = 30 })).Json(201);

        var html = await producer.Client.GetStringAsync($"/api/v1/serial-batches/{batch.Id()}/sheet?layout=3x8&count=30");
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "<section class=\"sheet\">")); // 24 on the first page, 6 on the second
        Assert.Equal(30, System.Text.RegularExpressions.Regex.Count(html, "<div class=\"label\">"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        // 210 mm at 2 device pixels per CSS pixel: about 8 px a millimetre, like a 200 dpi print.
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 800, Height = 1130 }, DeviceScaleFactor = 2 });
        await page.SetContentAsync(html);
        var shot = await page.Locator("section.sheet").First.ScreenshotAsync();
        var decoded = Decoders.ZbarAll(shot);
        Assert.Equal(24, decoded.Count);
        Assert.All(decoded, link => Assert.StartsWith($"{TraceApp.DefaultBaseUrl}/01/{product.Str("gtin")}/10/MC2611A/21/", link, StringComparison.Ordinal));
        Assert.Equal(24, decoded.Distinct().Count());
    }
}

public sealed class SheetBrowserTestsOnSqlite() : SheetBrowserTests(Lane.Sqlite);

public sealed class SheetBrowserTestsOnPostgres() : SheetBrowserTests(Lane.Postgres);

public sealed class BrowserTestsOnSqlite() : BrowserTests(Lane.Sqlite);

public sealed class BrowserTestsOnPostgres() : BrowserTests(Lane.Postgres);
