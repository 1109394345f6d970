using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>The portal as inspectors and administrators use it: every organization's records, suspending one, and taking access back.</summary>
public abstract partial class PortalTests
{
    [Fact]
    public async Task An_administrator_suspends_an_organization_so_its_people_and_tokens_are_refused_until_it_is_reinstated()
    {
        await using var scene = await Scene.LotAsync(lane);
        var app = scene.App;
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "quantri@so.vn", "admin");
        var admin = new PortalVisitor(app);
        await admin.SignInAsync("quantri@so.vn", Password);
        var producer = await CreateAndSignInProducerAsync(app, scene.Producer.OrganizationId);
        Assert.Equal(200, (await producer.GetAsync("/portal")).Status);

        var organizationPath = $"/portal/to-chuc/{scene.Producer.OrganizationId}";
        var action = organizationPath + "/trang-thai";
        var page = await admin.GetAsync(organizationPath);
        Assert.Contains("1 lô hàng", page.Html);
        var noReason = await admin.PostAsync(action, [.. page.HiddenFields(action), ("reason", " ")]);
        Assert.Equal(422, noReason.Status);
        Assert.Equal("bắt buộc phải có", noReason.ErrorBeside("reason"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await scene.Producer.Client.GetAsync("/api/v1/products")).StatusCode);

        var suspended = await admin.PostAsync(action, [.. page.HiddenFields(action), ("reason", "Chưa nộp báo cáo <b>năm 2026</b>")]);
        Assert.Equal((302, organizationPath + "?xong=tam-dung"), (suspended.Status, suspended.Location));
        var shown = await admin.GetAsync(organizationPath);
        Assert.Contains("Chưa nộp báo cáo &lt;b&gt;năm 2026&lt;/b&gt;", shown.Html);
        Assert.Contains("Tạm dừng", (await admin.GetAsync("/portal/to-chuc")).Html);

        // The person signed in is out at the next page; signing in again is refused, with the reason said only after the right password.
        Assert.Equal(302, (await producer.GetAsync("/portal")).Status);
        var again = await new PortalVisitor(app).SignInAsync("lan@htx.vn", Password);
        Assert.Equal(403, again.Status);
        Assert.Contains("đang bị quản trị viên cổng tạm dừng", again.Html);
        var guess = await new PortalVisitor(app).SignInAsync("lan@htx.vn", "not the password at all");
        Assert.Equal(422, guess.Status);
        Assert.DoesNotContain("tạm dừng", guess.Html);

        var refused = await scene.Producer.Client.GetAsync("/api/v1/products");
        var problem = await refused.Problem(401);
        Assert.Equal("The organization is suspended.", problem.Str("title"));
        // What the organization registered stays public: its labels are on shelves.
        Assert.Equal(200, (int)(await app.Anonymous().GetAsync($"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}")).StatusCode);

        var twice = await app.Admin().PostAsJsonAsync($"/api/v1/organizations/{scene.Producer.OrganizationId}/status", new { status = "suspended", reason = "lần nữa" });
        await twice.Problem(409);
        var own = await admin.PostAsync($"/portal/to-chuc/{department.OrganizationId}/trang-thai",
            [.. (await admin.GetAsync($"/portal/to-chuc/{department.OrganizationId}")).HiddenFields($"/portal/to-chuc/{department.OrganizationId}/loi-moi"),
             ("status", "suspended"), ("reason", "tự khóa")]);
        Assert.Equal(409, own.Status);

        // An inspector reads the organization but may neither suspend it nor disable its people.
        await CreateAccountAsync(app, department.OrganizationId, "thanhtra@so.vn", "inspector");
        var inspector = new PortalVisitor(app);
        await inspector.SignInAsync("thanhtra@so.vn", Password);
        var readable = await inspector.GetAsync(organizationPath);
        Assert.Equal(200, readable.Status);
        Assert.DoesNotContain(action, readable.Html);
        var lanId = (await app.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/users?organizationId={scene.Producer.OrganizationId}")).GetProperty("items")[0].Id();
        foreach (var path in new[] { action, $"{organizationPath}/tai-khoan/{lanId}/vo-hieu", $"{organizationPath}/tai-khoan/{lanId}/dat-lai" })
        {
            Assert.Contains("/portal/khong-co-quyen", (await inspector.PostAsync(path, [.. readable.HiddenFields("/portal/dang-xuat"), ("status", "active"), ("reason", "x")])).Location);
        }

        // An invitation handed out before the suspension waits: its page says why, and it works once the organization is back.
        var invitation = await (await app.Admin().PostAsJsonAsync($"/api/v1/organizations/{scene.Producer.OrganizationId}/invitations", new { role = "producer" })).Json(201);
        var invitationPath = new Uri(invitation.Str("url")).AbsolutePath;
        var waiting = await new PortalVisitor(app).GetAsync(invitationPath);
        Assert.Equal(403, waiting.Status);
        Assert.Contains("Tổ chức đang bị tạm dừng", waiting.Html);

        // Five sign-ins with the right password while suspended are no wrong guesses: the account is not locked when the organization returns.
        for (var attempt = 0; attempt < SignInsWhileSuspended; attempt++)
        {
            Assert.Equal(403, (await new PortalVisitor(app).SignInAsync("lan@htx.vn", Password)).Status);
        }

        var reinstated = await app.Admin().PostAsJsonAsync($"/api/v1/organizations/{scene.Producer.OrganizationId}/status", new { status = "active", reason = "Đã nộp báo cáo" });
        var organization = await reinstated.Json(200);
        Assert.Equal("active", organization.Str("status"));
        Assert.Equal(JsonValueKind.Null, organization.GetProperty("suspendedAt").ValueKind);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await scene.Producer.Client.GetAsync("/api/v1/products")).StatusCode);
        Assert.Equal(302, (await new PortalVisitor(app).SignInAsync("lan@htx.vn", Password)).Status);
        Assert.Equal(200, (await new PortalVisitor(app).GetAsync(invitationPath)).Status);

        // The audit record names both changes with their reasons.
        var audit = await (await app.Admin().GetAsync($"/api/v1/audit?entity=organization&entityId={scene.Producer.OrganizationId}&pageSize=100")).Json(200);
        var changes = audit.GetProperty("items").EnumerateArray().Select(e => (e.Str("action"), e.GetRawText())).ToList();
        Assert.Contains(changes, c => c.Item1 == "suspended" && c.Item2.Contains("Chưa nộp báo cáo"));
        Assert.Contains(changes, c => c.Item1 == "reinstated" && c.Item2.Contains("Đã nộp báo cáo"));
    }

    private const int SignInsWhileSuspended = 6;

    [Fact]
    public async Task An_inspector_searches_every_organizations_lots_and_products_reads_what_one_registered_and_recalls_a_lot()
    {
        await using var scene = await Scene.LotAsync(lane, lotNumber: "MC2611A", nameVi: "Chè Mộc Châu");
        var app = scene.App;
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "thanhtra@so.vn", "inspector");
        var inspector = new PortalVisitor(app);
        await inspector.SignInAsync("thanhtra@so.vn", Password);

        var products = await inspector.GetAsync("/portal/san-pham?q=che moc chau");
        Assert.Contains("HTX Chè Mộc Châu", products.Html);
        Assert.Contains($"href=\"/san-pham/{scene.Gtin}\"", products.Html);
        Assert.DoesNotContain("/portal/san-pham/moi", products.Html);

        var organization = await inspector.GetAsync($"/portal/to-chuc/{scene.Producer.OrganizationId}");
        Assert.Contains("1 sản phẩm", organization.Html);
        var lotsLink = $"/portal/lo?to-chuc={scene.Producer.OrganizationId}";
        Assert.Contains($"href=\"{lotsLink}\"", organization.Html);
        var lots = await inspector.GetAsync(lotsLink);
        Assert.Contains("MC2611A", lots.Html);
        Assert.Contains("Chỉ lô của", lots.Html);
        Assert.DoesNotContain("/portal/lo/moi", lots.Html);
        Assert.DoesNotContain($"/portal/lo/{scene.LotId}", (await inspector.GetAsync($"/portal/lo?to-chuc={department.OrganizationId}&q=MC2611A")).Html);
        Assert.Contains("/portal/khong-co-quyen", (await inspector.GetAsync("/portal/lo/moi")).Location);

        var lotPath = $"/portal/lo/{scene.LotId}";
        var lotPage = await inspector.GetAsync(lotPath);
        Assert.Contains("HTX Chè Mộc Châu", lotPage.Html);
        Assert.DoesNotContain($"{lotPath}/nhan", lotPage.Html);
        var recalled = await inspector.PostAsync(lotPath + "/thu-hoi", [.. lotPage.HiddenFields(lotPath + "/thu-hoi"), ("reason", "Mẫu kiểm tra vượt dư lượng")]);
        Assert.Equal(302, recalled.Status);
        var publicPage = await app.Anonymous().GetStringAsync($"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}");
        Assert.Contains("Mẫu kiểm tra vượt dư lượng", publicPage);

        // The organization page's counts lead to lists narrowed to it: its recalled lots, its products, its certificates; each downloads as it shows.
        var recalledLink = $"/portal/lo?to-chuc={scene.Producer.OrganizationId}&amp;chi=thu-hoi";
        Assert.Contains(recalledLink, (await inspector.GetAsync($"/portal/to-chuc/{scene.Producer.OrganizationId}")).Html);
        var recalledLots = await inspector.GetAsync(System.Net.WebUtility.HtmlDecode(recalledLink));
        Assert.Contains("MC2611A", recalledLots.Html);
        Assert.Contains("Chỉ lô đã thu hồi của", recalledLots.Html);
        var secondLot = await scene.Producer.AddLotAsync(scene.Gtin, "MC2612B");
        Assert.DoesNotContain("MC2612B", (await inspector.GetAsync(System.Net.WebUtility.HtmlDecode(recalledLink))).Html);
        Assert.Contains("MC2612B", (await inspector.GetAsync($"/portal/lo?to-chuc={scene.Producer.OrganizationId}&sap=so")).Html);
        var export = await inspector.DownloadAsync($"/portal/lo/tep.csv?to-chuc={scene.Producer.OrganizationId}&chi=thu-hoi");
        var exported = System.Text.Encoding.UTF8.GetString(export.Bytes);
        Assert.Contains("MC2611A", exported);
        Assert.DoesNotContain("MC2612B", exported);
        Assert.Contains(scene.Gtin, System.Text.Encoding.UTF8.GetString((await inspector.DownloadAsync($"/portal/san-pham/tep.csv?to-chuc={scene.Producer.OrganizationId}")).Bytes));
        Assert.Contains($"href=\"/san-pham/{scene.Gtin}\"", (await inspector.GetAsync($"/portal/san-pham?to-chuc={scene.Producer.OrganizationId}")).Html);
        Assert.DoesNotContain($"href=\"/san-pham/{scene.Gtin}\"", (await inspector.GetAsync($"/portal/san-pham?to-chuc={department.OrganizationId}")).Html);
        Assert.Contains("Chỉ chứng nhận của", (await inspector.GetAsync($"/portal/chung-nhan?to-chuc={scene.Producer.OrganizationId}")).Html);

        // Reading is all an inspector does with a producer's records: every producer-only page and form is closed to them.
        foreach (var (method, path) in new[]
        {
            ("GET", "/portal/san-pham/moi"), ("GET", $"/portal/san-pham/{scene.Product.Id()}"), ("POST", $"/portal/san-pham/{scene.Product.Id()}"),
            ("GET", "/portal/lo/nhap"), ("GET", "/portal/san-pham/nhap"), ("GET", $"/portal/lo/{scene.LotId}/nhan"), ("POST", $"/portal/lo/{scene.LotId}/se-ri"),
            ("GET", "/portal/vung"), ("GET", "/portal/ma-truy-cap"), ("GET", "/portal/dong-nghiep"), ("GET", "/portal/chung-nhan/moi"),
        })
        {
            var answer = method == "GET" ? await inspector.GetAsync(path) : await inspector.PostAsync(path, lotPage.HiddenFields("/portal/dang-xuat"));
            Assert.True(answer.Location?.Contains("/portal/khong-co-quyen") == true, $"{method} {path} answered {answer.Status} {answer.Location}");
        }

        // A producer's lists are its own, whatever organization the address names.
        var stranger = await app.NewMemberAsync(name: "HTX Khác");
        await CreateAccountAsync(app, stranger.OrganizationId, "khac@htx.vn", "producer");
        var other = new PortalVisitor(app);
        await other.SignInAsync("khac@htx.vn", Password);
        Assert.DoesNotContain($"/portal/lo/{scene.LotId}", (await other.GetAsync(lotsLink)).Html);
        Assert.DoesNotContain("MC2611A", System.Text.Encoding.UTF8.GetString((await other.DownloadAsync($"/portal/lo/tep.csv?to-chuc={scene.Producer.OrganizationId}")).Bytes));
        Assert.DoesNotContain(scene.Gtin, System.Text.Encoding.UTF8.GetString((await other.DownloadAsync($"/portal/san-pham/tep.xlsx?to-chuc={scene.Producer.OrganizationId}")).Bytes));
        Assert.Equal(404, (await other.GetAsync(lotPath)).Status);
        Assert.Equal(404, (await other.PostAsync(lotPath + "/thu-hoi", (await other.GetAsync("/portal/lo")).HiddenFields("/portal/dang-xuat"))).Status);
    }

    [Fact]
    public async Task An_administrator_sees_every_account_token_and_open_link_and_takes_a_token_or_a_link_back()
    {
        await using var scene = await Scene.LotAsync(lane);
        var app = scene.App;
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "quantri@so.vn", "admin");
        await CreateAccountAsync(app, scene.Producer.OrganizationId, "lan@htx.vn", "producer");
        var admin = new PortalVisitor(app);
        await admin.SignInAsync("quantri@so.vn", Password);

        var accounts = await admin.GetAsync("/portal/tai-khoan?q=LAN@");
        Assert.Contains("lan@htx.vn", accounts.Html);
        Assert.Contains("HTX Chè Mộc Châu", accounts.Html);
        Assert.DoesNotContain("quantri@so.vn", accounts.Html);
        // Searched as every portal list is: without diacritics, and a phone however it is written.
        var dang = await (await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "tung@htx.vn", phone = "0912345678", password = Password, displayName = "Đặng Văn Tùng", organizationId = scene.Producer.OrganizationId, role = "producer",
        })).Json(201);
        Assert.Contains("tung@htx.vn", (await admin.GetAsync("/portal/tai-khoan?q=dang+van")).Html);
        Assert.Contains("tung@htx.vn", (await admin.GetAsync("/portal/tai-khoan?q=%2B84+912+345+678")).Html);

        // A reset link handed out before the account was disabled is dead on opening; a new one is not made for a disabled account.
        var reset = await (await app.Admin().PostAsync($"/api/v1/users/{dang.Id()}/password-reset", null)).Json(201);
        var tung = new PortalVisitor(app);
        await tung.SignInAsync("tung@htx.vn", Password);
        var tokenPage = await tung.SubmitAsync("/portal/ma-truy-cap", "/portal/ma-truy-cap/moi");
        var tungsToken = System.Text.RegularExpressions.Regex.Match(tokenPage.Html, "<p class=\"secret\">([^<]+)</p>").Groups[1].Value;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.WithToken(tungsToken).GetAsync("/api/v1/products")).StatusCode);
        await (await app.Admin().PostAsync($"/api/v1/users/{dang.Id()}/disable", null)).Json(200);
        Assert.Equal(410, (await new PortalVisitor(app).GetAsync(new Uri(reset.Str("url")).AbsolutePath)).Status);
        await (await app.Admin().PostAsync($"/api/v1/users/{dang.Id()}/password-reset", null)).Problem(409);
        var organizationPage = await admin.GetAsync($"/portal/to-chuc/{scene.Producer.OrganizationId}");
        Assert.DoesNotContain($"/tai-khoan/{dang.Id()}/dat-lai", organizationPage.Html);
        var refusedReset = await admin.PostAsync($"/portal/to-chuc/{scene.Producer.OrganizationId}/tai-khoan/{dang.Id()}/dat-lai", organizationPage.HiddenFields("/portal/dang-xuat"));
        Assert.Equal(409, refusedReset.Status);
        await (await app.WithToken(tungsToken).GetAsync("/api/v1/products")).Problem(401);

        // A token its maker's disabling missed (one made in the instant of the disabling) is refused all the same.
        var (raced, racedSecret) = NangSuat.Trace.Api.Auth.ApiToken.Issue(scene.Producer.OrganizationId, NangSuat.Trace.Api.Auth.TokenRole.Producer, DateTimeOffset.UtcNow, dang.Id());
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NangSuat.Trace.Api.Data.TraceDb>();
            db.ApiTokens.Add(raced);
            await db.SaveChangesAsync();
        }

        await (await app.WithToken(racedSecret).GetAsync("/api/v1/products")).Problem(401);

        var tokens = await admin.GetAsync("/portal/tai-khoan/ma-api");
        var revoke = $"/portal/tai-khoan/ma-api/{scene.Producer.TokenId}/thu-hoi";
        Assert.Contains($"action=\"{revoke}\"", tokens.Html);
        Assert.Equal(302, (await admin.PostAsync(revoke, tokens.HiddenFields(revoke))).Status);
        await (await scene.Producer.Client.GetAsync("/api/v1/products")).Problem(401);
        Assert.DoesNotContain($"action=\"{revoke}\"", (await admin.GetAsync("/portal/tai-khoan/ma-api")).Html);

        var organizationPath = $"/portal/to-chuc/{scene.Producer.OrganizationId}";
        var invitation = await admin.SubmitAsync(organizationPath, organizationPath + "/loi-moi", ("displayName", "Anh Tùng"), ("role", "producer"));
        Assert.True(invitation.Status == 200, invitation.Html);
        var link = new Uri(Regex.Match(invitation.Html, "<p class=\"secret\">([^<]+)</p>").Groups[1].Value).AbsolutePath;
        var open = await admin.GetAsync("/portal/tai-khoan/lien-ket");
        Assert.Equal(200, open.Status);
        Assert.Contains("Anh Tùng", open.Html);
        var cancel = Regex.Match(open.Html, "action=\"(/portal/tai-khoan/lien-ket/[0-9a-f-]{36}/huy)\"").Groups[1].Value;
        Assert.Equal(302, (await admin.PostAsync(cancel, open.HiddenFields(cancel))).Status);
        Assert.Equal(410, (await new PortalVisitor(app).GetAsync(link)).Status);
        Assert.DoesNotContain("Anh Tùng", (await admin.GetAsync("/portal/tai-khoan/lien-ket")).Html);

        var producer = new PortalVisitor(app);
        await producer.SignInAsync("lan@htx.vn", Password);
        Assert.Contains("/portal/khong-co-quyen", (await producer.GetAsync("/portal/tai-khoan")).Location);
        Assert.Contains("/portal/khong-co-quyen", (await producer.PostAsync(revoke, (await producer.GetAsync("/portal")).HiddenFields("/portal/dang-xuat"))).Location);
    }

    [Fact]
    public async Task The_language_switch_holds_for_the_next_portal_pages_and_leaves_the_public_pages_alone()
    {
        await using var scene = await Scene.LotAsync(lane);
        var producer = await CreateAndSignInProducerAsync(scene.App, scene.Producer.OrganizationId);
        var home = await producer.GetAsync("/portal");
        Assert.Contains("Trang chính", home.Html);
        var switchLink = System.Net.WebUtility.HtmlDecode(Regex.Match(home.Html, "href=\"(/portal[?]lang=en)\"").Groups[1].Value);
        Assert.Equal("/portal?lang=en", switchLink);

        var english = await producer.GetAsync(switchLink);
        Assert.Contains("<html lang=\"en\"", english.Html);
        var lots = await producer.GetAsync("/portal/lo");
        Assert.Contains("<html lang=\"en\"", lots.Html);
        Assert.Contains("Register a lot", lots.Html);
        // The phone's language still picks the public page a label leads to.
        Assert.Contains("<html lang=\"vi\"", (await producer.GetAsync($"/san-pham/{scene.Gtin}")).Html);

        await producer.GetAsync("/portal/lo?lang=vi");
        Assert.Contains("Đăng ký lô mới", (await producer.GetAsync("/portal/lo")).Html);
    }
}
