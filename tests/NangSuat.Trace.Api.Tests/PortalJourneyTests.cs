using NangSuat.Trace.TestSupport;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>The portal in a real browser, on a phone and on a desktop, as the people it is for go through it.</summary>
public abstract class PortalJourneyTests(Lane lane)
{
    private const string Password = "chè xanh Mộc Châu 2026";

    [Theory]
    [InlineData(360, 740)]
    [InlineData(1280, 800)]
    public async Task An_invited_cooperative_registers_a_product_and_a_lot_and_its_printed_sheet_scans_to_the_lot(int width, int height)
    {
        ExternalComponents.Require(File.Exists("/usr/bin/chromium"), "Chromium (/usr/bin/chromium)");
        await using var app = await TraceApp.StartAsync(lane);
        var site = app.StartKestrel();
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await Http.EnsureStatus(await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "quantri@so.vn", password = Password, displayName = "Quản trị", organizationId = department.OrganizationId, role = "admin",
        }), 201);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        // axe-core is injected by the test itself; the portal's own policy allows only the portal's own script.
        var options = new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height }, Locale = "vi-VN", BaseURL = site.ToString().TrimEnd('/'), BypassCSP = true };

        // The administrator registers the cooperative and prints its invitation.
        await using var adminContext = await browser.NewContextAsync(options);
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync("/portal");
        await AssertAccessibleAsync(admin);
        await admin.GetByLabel("Email hoặc số điện thoại").FillAsync("quantri@so.vn");
        await admin.GetByLabel("Mật khẩu").FillAsync(Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Tổ chức", Exact = true }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Thêm tổ chức" }).ClickAsync();
        await AssertAccessibleAsync(admin);
        await admin.GetByLabel("Tên tổ chức").FillAsync("HTX Chè Tân Lập");
        await admin.GetByLabel("Mã số thuế").FillAsync(TestData.TaxCode());
        await admin.GetByLabel("Loại").SelectOptionAsync("cooperative");
        await admin.GetByLabel("Mã doanh nghiệp GS1 (không bắt buộc)").FillAsync("8936099");
        await admin.GetByLabel("Xã, phường").FillAsync("Xã Tân Lập");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu tổ chức" }).ClickAsync();
        await AssertAccessibleAsync(admin);
        await admin.GetByLabel("Họ tên người được mời (không bắt buộc)").FillAsync("Chị Lan");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tạo liên kết mời" }).ClickAsync();
        var invitation = await admin.Locator("p.secret").InnerTextAsync();
        Assert.True(await NoSidewaysScrollAsync(admin), "the invitation page scrolls sideways");
        await AssertAccessibleAsync(admin);

        // The invited person sets a password, then registers a product and a lot.
        await using var ownerContext = await browser.NewContextAsync(options);
        var owner = await ownerContext.NewPageAsync();
        await owner.GotoAsync(new Uri(invitation).PathAndQuery);
        await AssertAccessibleAsync(owner);
        await owner.GetByLabel("Email").FillAsync("lan@tanlap.vn");
        await owner.GetByLabel("Mật khẩu mới").FillAsync(Password);
        await owner.GetByLabel("Nhập lại mật khẩu").FillAsync(Password);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("Chào mừng");

        await owner.GetByRole(AriaRole.Link, new() { Name = "Sản phẩm", Exact = true }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Thêm sản phẩm" }).First.ClickAsync();
        await owner.GetByLabel("GTIN").FillAsync("8936099000124");
        await owner.GetByLabel("Tên sản phẩm (tiếng Việt)").FillAsync("Chè Shan tuyết Tân Lập");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Lưu sản phẩm" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#e-gtin")).ToContainTextAsync("số kiểm tra");
        await AssertAccessibleAsync(owner);
        await owner.GetByLabel("GTIN").FillAsync("8936099000121");
        await owner.GetByLabel("Tên sản phẩm (tiếng Việt)").FillAsync("Chè Shan tuyết Tân Lập");
        await owner.GetByLabel("Hạng OCOP").SelectOptionAsync("4");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Lưu sản phẩm" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu sản phẩm");
        await AssertAccessibleAsync(owner);

        await owner.GetByRole(AriaRole.Link, new() { Name = "Lô hàng" }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Đăng ký lô mới" }).ClickAsync();
        await AssertAccessibleAsync(owner);
        await owner.GetByLabel("Số lô").FillAsync("TL2611A");
        await owner.GetByLabel("Ngày sản xuất hoặc thu hoạch").FillAsync("2026-11-20");
        await owner.GetByLabel("Số lượng").FillAsync("850");
        await owner.GetByLabel("Đơn vị").FillAsync("kg");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Đăng ký lô" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã đăng ký lô");
        Assert.True(await NoSidewaysScrollAsync(owner), "the lot page scrolls sideways");
        await AssertAccessibleAsync(owner);

        // The label page shows the real symbol, and the 3x8 sheet's labels scan to the lot's Digital Link.
        await owner.GetByRole(AriaRole.Link, new() { Name = "In nhãn cho lô này" }).ClickAsync();
        await AssertAccessibleAsync(owner);
        var symbol = await owner.Locator("main img").ScreenshotAsync();
        Assert.Equal([$"{TraceApp.DefaultBaseUrl}/01/08936099000121/10/TL2611A"], Decoders.ZbarAll(symbol));
        await owner.GetByRole(AriaRole.Link, new() { Name = "Tờ in A4 3x8" }).ClickAsync();
        var sheet = await owner.Locator("section.sheet").First.ScreenshotAsync();
        var decoded = Decoders.ZbarAll(sheet);
        Assert.Equal(24, decoded.Count);
        Assert.All(decoded, link => Assert.Equal($"{TraceApp.DefaultBaseUrl}/01/08936099000121/10/TL2611A", link));
    }

    [Fact]
    public async Task A_producer_on_a_phone_imports_a_thousand_lots_from_xlsx_fixing_the_bad_row_first()
    {
        ExternalComponents.Require(File.Exists("/usr/bin/chromium"), "Chromium (/usr/bin/chromium)");
        await using var scene = await Scene.LotAsync(lane, overKestrel: true);
        var site = scene.App.ServerAddress!;
        await Http.EnsureStatus(await scene.App.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "lan@htx.vn", password = Password, displayName = "Chị Lan", organizationId = scene.Producer.OrganizationId, role = "producer",
        }), 201);
        byte[] Sheet(string badRowUnit)
        {
            var rows = Enumerable.Range(1, 1000).Select(i => new Dictionary<string, object>
            {
                ["GTIN"] = scene.Gtin, ["Số lô"] = $"NK{i:D4}", ["Ngày sản xuất"] = "20/11/2026", ["Số lượng"] = "850", ["Đơn vị"] = i == 42 ? badRowUnit : "kg",
            });
            using var stream = new MemoryStream();
            MiniExcelLibs.MiniExcel.SaveAs(stream, rows, excelType: MiniExcelLibs.ExcelType.XLSX);
            return stream.ToArray();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, Locale = "vi-VN", BaseURL = site.ToString().TrimEnd('/'), BypassCSP = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/portal/dang-nhap");
        await page.GetByLabel("Email hoặc số điện thoại").FillAsync("lan@htx.vn");
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lô hàng" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập lô từ tệp" }).ClickAsync();

        await page.GetByLabel("Tệp CSV hoặc XLSX").SetInputFilesAsync(new FilePayload
        {
            Name = "lo.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = Sheet(new string('k', 30)),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("999 đúng, 1 có lỗi");
        await Assertions.Expect(page.Locator("tr.row-error")).ToContainTextAsync("Đơn vị");
        await Assertions.Expect(page.Locator("tr.row-error td").First).ToHaveTextAsync("43");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Ghi 1.000 lô" }).CountAsync());
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Tệp CSV hoặc XLSX").SetInputFilesAsync(new FilePayload
        {
            Name = "lo.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = Sheet("kg"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra tệp" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi 1.000 lô" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi 1.000 lô từ tệp");
        var lots = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/lots?pageSize=1");
        Assert.Equal(1001, lots.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Every_portal_page_of_every_role_passes_axe_core_on_a_phone_without_sideways_scrolling()
    {
        ExternalComponents.Require(File.Exists("/usr/bin/chromium"), "Chromium (/usr/bin/chromium)");
        await using var scene = await Scene.LotAsync(lane, withCertificates: true, overKestrel: true);
        var app = scene.App;
        var certificate = (await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/certificates")).GetProperty("items")[0].Id();
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        foreach (var (email, organization, role) in new[]
        {
            ("lan@htx.vn", scene.Producer.OrganizationId, "producer"), ("thanhtra@so.vn", department.OrganizationId, "inspector"),
            ("quantri@so.vn", department.OrganizationId, "admin"),
        })
        {
            await Http.EnsureStatus(await app.Admin().PostAsJsonAsync("/api/v1/users",
                new { email, password = Password, displayName = role, organizationId = organization, role, isOwner = role == "producer" }), 201);
        }

        var batch = (await (await scene.Producer.Client.PostAsJsonAsync($"/api/v1/lots/{scene.LotId}/serials", new { count = 5 })).Json(201)).Id();
        // A batch still being issued (the issuer is stopped, so it stays so): its page, with its progress, is audited too.
        var issuer = app.Services.GetRequiredService<NangSuat.Trace.Api.Serials.SerialIssuer>();
        await issuer.StopAsync(CancellationToken.None);
        var pending = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/lots/{scene.LotId}/serials") { Content = JsonContent.Create(new { count = 12_000 }) };
        pending.Headers.Add("Prefer", "respond-async");
        var unfinished = (await (await scene.Producer.Client.SendAsync(pending)).Json(202)).Id();
        // The administrators' lists with something in them: an open invitation, and a suspended organization with its banner and reinstate form.
        await (await app.Admin().PostAsJsonAsync($"/api/v1/organizations/{scene.Producer.OrganizationId}/invitations", new { role = "producer" })).Json(201);
        var suspended = await app.NewMemberAsync(name: "HTX Tạm dừng");
        await (await app.Admin().PostAsJsonAsync($"/api/v1/organizations/{suspended.OrganizationId}/status", new { status = "suspended", reason = "Chưa nộp báo cáo năm" })).Json(200);
        // A certification body with a designation in force and one suspended, so its page shows the table, the history and every form.
        var body = (await (await app.Admin().PostAsJsonAsync("/api/v1/certification-bodies", CertificationBodyTests.Body())).Json(201)).Id();
        await (await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body}/designations", CertificationBodyTests.Designation())).Json(201);
        var lapsed = (await (await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body}/designations", CertificationBodyTests.Designation("2/QĐ"))).Json(201)).Id();
        await (await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body}/designations/{lapsed}/status", new { status = "suspended", reason = "Kiểm tra định kỳ" })).Json(200);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var pagesByPerson = new (string? Email, string[] Paths)[]
        {
            (null, ["/portal/dang-nhap", "/portal/moi/khong-co-loi-moi-nao-mang-chuoi-nay", "/portal/khong-co-quyen",
                "/chung-nhan", "/chung-nhan?so=GIA-MAO-1", $"/chung-nhan/{certificate}", $"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}"]),
            ("lan@htx.vn",
            [
                "/portal", "/portal/san-pham", "/portal/san-pham/moi", $"/portal/san-pham/{scene.Product.Id()}", "/portal/vung", "/portal/vung/moi",
                "/portal/lo", "/portal/lo/moi", $"/portal/lo/{scene.LotId}", $"/portal/lo/{scene.LotId}/nhan", "/portal/lo/nhap", "/portal/san-pham/nhap", "/portal/chung-nhan",
                "/portal/chung-nhan/moi", $"/portal/chung-nhan/{certificate}", "/portal/dong-nghiep", "/portal/ma-truy-cap", "/portal/mat-khau",
                $"/portal/lo/{scene.LotId}/se-ri/{batch}", $"/portal/lo/{scene.LotId}/se-ri/{unfinished}", $"/portal/to-chuc-chung-nhan/{body}",
            ]),
            ("thanhtra@so.vn",
            [
                "/portal", "/portal/tong-quan", "/portal/to-chuc", $"/portal/to-chuc/{scene.Producer.OrganizationId}", "/portal/chung-nhan", $"/portal/chung-nhan/{certificate}",
                "/portal/san-pham", "/portal/lo", $"/portal/lo?to-chuc={scene.Producer.OrganizationId}", $"/portal/chung-nhan?to-chuc={scene.Producer.OrganizationId}",
                $"/portal/lo/{scene.LotId}", "/portal/to-chuc-chung-nhan", "/portal/to-chuc-chung-nhan/moi", $"/portal/to-chuc-chung-nhan/{body}",
                $"/portal/to-chuc-chung-nhan/{body}/sua", "/portal/to-chuc-chung-nhan/nhap",
            ]),
            ("quantri@so.vn",
            [
                "/portal", "/portal/tong-quan", "/portal/to-chuc/moi", $"/portal/to-chuc/{department.OrganizationId}", $"/portal/to-chuc/{scene.Producer.OrganizationId}",
                "/portal/tai-khoan", "/portal/tai-khoan/ma-api", "/portal/tai-khoan/lien-ket", $"/portal/to-chuc/{suspended.OrganizationId}",
            ]),
        };
        foreach (var (email, paths) in pagesByPerson)
        {
            await using var context = await browser.NewContextAsync(new()
            {
                ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, Locale = "vi-VN", BaseURL = app.ServerAddress!.ToString().TrimEnd('/'), BypassCSP = true,
            });
            var page = await context.NewPageAsync();
            if (email is not null)
            {
                await page.GotoAsync("/portal/dang-nhap");
                await page.GetByLabel("Email hoặc số điện thoại").FillAsync(email);
                await page.GetByLabel("Mật khẩu").FillAsync(Password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal$"));
            }

            foreach (var path in paths)
            {
                // The page itself is audited, not a redirect to sign-in or a notice that it was not found.
                var response = await page.GotoAsync(path);
                Assert.Equal(path switch { "/portal/khong-co-quyen" => 403, _ when path.StartsWith("/portal/moi/", StringComparison.Ordinal) => 404, _ => 200 }, response!.Status);
                Assert.EndsWith(path, new Uri(page.Url).PathAndQuery);
                Assert.True(await NoSidewaysScrollAsync(page), $"{path} scrolls sideways at 360 px");
                await AssertAccessibleAsync(page);
            }

            if (email == "lan@htx.vn")
            {
                // With script, the unfinished batch's page updates itself in place and, once the issuer has written the batch, shows its downloads.
                await page.GotoAsync($"/portal/lo/{scene.LotId}/se-ri/{unfinished}");
                await Assertions.Expect(page.GetByText("Đang cấp số sê-ri")).ToBeVisibleAsync();
                await issuer.StartAsync(CancellationToken.None);
                await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Danh sách số sê-ri và Digital Link (CSV)" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
                Assert.EndsWith($"/portal/lo/{scene.LotId}/se-ri/{unfinished}", page.Url);
            }
        }
    }

    [Theory]
    [InlineData(360, 740)]
    [InlineData(1280, 800)]
    public async Task An_inspector_suspends_a_certificate_and_the_producer_recalls_a_lot_and_the_next_scan_shows_both_while_strangers_get_nothing(int width, int height)
    {
        ExternalComponents.Require(File.Exists("/usr/bin/chromium"), "Chromium (/usr/bin/chromium)");
        await using var scene = await Scene.LotAsync(lane, withCertificates: true, overKestrel: true);
        var app = scene.App;
        var certificate = (await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/certificates")).GetProperty("items")[0];
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        var stranger = await app.NewMemberAsync(name: "HTX Mận Hậu");
        foreach (var (email, organization, role) in new[]
        {
            ("lan@htx.vn", scene.Producer.OrganizationId, "producer"), ("thanhtra@so.vn", department.OrganizationId, "inspector"), ("mai@manhau.vn", stranger.OrganizationId, "producer"),
        })
        {
            await Http.EnsureStatus(await app.Admin().PostAsJsonAsync("/api/v1/users", new { email, password = Password, displayName = role, organizationId = organization, role }), 201);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var site = app.ServerAddress!.ToString().TrimEnd('/');
        var options = new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height }, Locale = "vi-VN", BaseURL = site, BypassCSP = true };
        async Task<IPage> SignInAsync(IBrowserContext context, string email)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/portal/dang-nhap");
            await page.GetByLabel("Email hoặc số điện thoại").FillAsync(email);
            await page.GetByLabel("Mật khẩu").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal$"));
            return page;
        }

        await using var consumerContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, Locale = "vi-VN", BaseURL = site });
        var phone = await consumerContext.NewPageAsync();
        await phone.GotoAsync($"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}");
        await Assertions.Expect(phone.Locator(".badge").First).ToBeVisibleAsync();
        var badges = await phone.Locator(".badge").CountAsync();

        // The inspector finds the certificate by its number and suspends it with a reason.
        await using var inspectorContext = await browser.NewContextAsync(options);
        var inspector = await SignInAsync(inspectorContext, "thanhtra@so.vn");
        await inspector.GetByRole(AriaRole.Link, new() { Name = "Chứng nhận", Exact = true }).ClickAsync();
        await inspector.GetByLabel("Tìm theo số chứng nhận").FillAsync(certificate.Str("number").ToLowerInvariant());
        await inspector.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await inspector.GetByRole(AriaRole.Link, new() { Name = certificate.Str("number") }).ClickAsync();
        await inspector.GetByLabel("Trạng thái mới").SelectOptionAsync("suspended");
        await inspector.GetByLabel("Lý do (hiện trên trang công khai)").FillAsync("Đánh giá giám sát phát hiện dư lượng vượt mức");
        await inspector.GetByRole(AriaRole.Button, new() { Name = "Lưu trạng thái" }).ClickAsync();
        await Assertions.Expect(inspector.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu trạng thái");
        await AssertAccessibleAsync(inspector);

        await phone.GotoAsync($"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}");
        Assert.Equal(badges - 1, await phone.Locator(".badge").CountAsync());
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("bị đình chỉ");

        // A form on another site that posts to the portal while the producer is signed in changes nothing.
        await using var producerContext = await browser.NewContextAsync(options);
        var producer = await SignInAsync(producerContext, "lan@htx.vn");
        await producerContext.RouteAsync("http://ke-gian.example/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html; charset=utf-8",
            Body = $"<form method=post action=\"{site}/portal/lo/{scene.LotId}/thu-hoi\"><input name=reason value=\"giả mạo\"><button>Gửi</button></form>",
        }));
        var attacker = await producerContext.NewPageAsync();
        await attacker.GotoAsync("http://ke-gian.example/");
        await attacker.GetByRole(AriaRole.Button, new() { Name = "Gửi" }).ClickAsync();
        // The post reached the portal (and was answered) before the lot is looked at.
        await Assertions.Expect(attacker).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(site)));
        await attacker.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var lot = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/lots/{scene.LotId}");
        Assert.Equal("active", lot.Str("status"));

        // A script typed into a field is shown as text, in the portal and on the public page.
        await producer.GotoAsync($"/portal/san-pham/{scene.Product.Id()}");
        await producer.GetByLabel("Tên sản phẩm (tiếng Việt)").FillAsync("<script>window.pwned=1</script>Chè <b>Shan</b>");
        await producer.GetByRole(AriaRole.Button, new() { Name = "Lưu sản phẩm" }).ClickAsync();
        await Assertions.Expect(producer.Locator("table")).ToContainTextAsync("<script>window.pwned=1</script>Chè <b>Shan</b>");

        // The producer recalls the lot; the very next scan shows the red banner.
        await producer.GotoAsync($"/portal/lo/{scene.LotId}");
        await producer.GetByLabel("Lý do thu hồi (người tiêu dùng sẽ đọc)").FillAsync("Bao bì bị hở, có thể ẩm mốc");
        await producer.GetByRole(AriaRole.Button, new() { Name = "Thu hồi lô này" }).ClickAsync();
        await AssertAccessibleAsync(producer);
        await phone.GotoAsync($"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}");
        await Assertions.Expect(phone.Locator(".recall")).ToContainTextAsync("Bao bì bị hở, có thể ẩm mốc");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("<script>window.pwned=1</script>Chè <b>Shan</b>");
        Assert.Null(await phone.EvaluateAsync<int?>("() => window.pwned"));

        // Another organization's producer reaches none of it.
        await using var strangerContext = await browser.NewContextAsync(options);
        var other = await SignInAsync(strangerContext, "mai@manhau.vn");
        foreach (var path in new[] { $"/portal/lo/{scene.LotId}", $"/portal/san-pham/{scene.Product.Id()}", $"/portal/chung-nhan/{certificate.Id()}", $"/portal/lo/{scene.LotId}/nhan" })
        {
            var response = await other.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(other.Locator("h1")).ToContainTextAsync("Không tìm thấy");
        }
    }

    /// <summary>axe-core finds nothing serious or critical on the page as it stands.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe ran its rules: an empty result would prove nothing
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(severe.Count == 0, $"{page.Url}: " + string.Join("\n", severe));
    }

    private static Task<bool> NoSidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
}

public sealed class PortalJourneyTestsOnSqlite() : PortalJourneyTests(Lane.Sqlite);

public sealed class PortalJourneyTestsOnPostgres() : PortalJourneyTests(Lane.Postgres);
