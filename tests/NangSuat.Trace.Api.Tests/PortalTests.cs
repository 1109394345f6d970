using System.Net.Http.Json;
using System.Text.RegularExpressions;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>The portal's forms as people use them: an administrator registers a cooperative and invites its first person, who registers products.</summary>
public abstract partial class PortalTests(Lane lane)
{
    private const string Password = "chè xanh Mộc Châu 2026";

    [Fact]
    public async Task An_administrator_registers_a_cooperative_and_its_invited_owner_registers_a_product()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "quantri@so.vn", "admin");
        var admin = new PortalVisitor(app);
        Assert.Equal(302, (await admin.SignInAsync("quantri@so.vn", Password)).Status);

        var refused = await admin.SubmitAsync("/portal/to-chuc/moi", "/portal/to-chuc/moi",
            ("name", "HTX Chè Tân Lập"), ("taxCode", "5500123450"), ("kind", "cooperative"), ("address.commune", ""), ("address.province", "Sơn La"));
        Assert.Equal(422, refused.Status);
        Assert.NotNull(refused.ErrorBeside("taxCode"));
        Assert.Equal("bắt buộc phải có", refused.ErrorBeside("address.commune"));
        Assert.Contains("value=\"HTX Chè Tân Lập\"", refused.Html);

        var taxCode = TestData.TaxCode();
        var created = await admin.PostAsync("/portal/to-chuc/moi", [.. refused.HiddenFields("/portal/to-chuc/moi"),
            ("name", "HTX Chè Tân Lập"), ("taxCode", taxCode), ("kind", "cooperative"), ("gs1CompanyPrefix", "8936099"),
            ("address.commune", "Xã Tân Lập"), ("address.province", "Sơn La")]);
        Assert.Equal(302, created.Status);
        var organizationPath = created.Location!.Split('?')[0];
        var organization = await admin.GetAsync(organizationPath);
        Assert.Contains("HTX Chè Tân Lập", organization.Html);

        var invitationAction = organizationPath + "/loi-moi";
        var invitation = await admin.PostAsync(invitationAction, [.. organization.HiddenFields(invitationAction),
            ("displayName", "Chị Lan"), ("role", "producer"), ("isOwner", "true")]);
        Assert.Equal(200, invitation.Status);
        Assert.Contains("data:image/png;base64,", invitation.Html);
        var link = new Uri(Regex.Match(invitation.Html, "<p class=\"secret\">([^<]+)</p>").Groups[1].Value).AbsolutePath;

        var owner = new PortalVisitor(app);
        var accepted = await owner.SubmitAsync(link, link, ("displayName", "Chị Lan"), ("email", "lan@tanlap.vn"),
            ("password", Password), ("passwordRepeated", Password));
        Assert.Equal(302, accepted.Status);

        var badProduct = await owner.SubmitAsync("/portal/san-pham/moi", "/portal/san-pham/moi",
            ("gtin", "8936099000124"), ("name.vi", "Chè Shan tuyết"), ("ocopStars", "4"));
        Assert.Equal(422, badProduct.Status);
        Assert.Contains("số kiểm tra phải là 1", badProduct.ErrorBeside("gtin"));

        var product = await owner.PostAsync("/portal/san-pham/moi", [.. badProduct.HiddenFields("/portal/san-pham/moi"),
            ("gtin", "8936099000121"), ("name.vi", "Chè Shan tuyết <b>Tân Lập</b>"), ("standards", "TCVN 9740:2013, QCVN 8-2:2011/BYT"), ("ocopStars", "4")]);
        Assert.Equal((302, "/portal/san-pham?xong=1"), (product.Status, product.Location));
        var list = await owner.GetAsync("/portal/san-pham?xong=1");
        Assert.Contains("Chè Shan tuyết &lt;b&gt;Tân Lập&lt;/b&gt;", list.Html);

        var publicPage = await app.Anonymous().GetStringAsync("/san-pham/08936099000121");
        Assert.Contains("TCVN 9740:2013", publicPage);
    }

    [Fact]
    public async Task A_producer_sees_another_organizations_product_as_not_found_and_no_administrator_page()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var first = await app.NewMemberAsync();
        var product = await first.AddProductAsync();
        var second = await app.NewMemberAsync(name: "HTX Mận Hậu");
        await CreateAccountAsync(app, second.OrganizationId, "other@htx.vn", "producer");
        var other = new PortalVisitor(app);
        await other.SignInAsync("other@htx.vn", Password);

        Assert.Equal(404, (await other.GetAsync($"/portal/san-pham/{product.Id()}")).Status);
        var page = await other.GetAsync("/portal/san-pham/moi");
        var changed = await other.PostAsync($"/portal/san-pham/{product.Id()}", [.. page.HiddenFields("/portal/san-pham/moi"), ("name.vi", "Hijacked")]);
        Assert.Equal(404, changed.Status);
        var stillFirst = await first.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/products/{product.Id()}");
        Assert.NotEqual("Hijacked", stillFirst.GetProperty("name").Str("vi"));

        var adminPage = await other.GetAsync("/portal/to-chuc/moi");
        Assert.Equal(302, adminPage.Status);
        Assert.Contains("/portal/khong-co-quyen", adminPage.Location);
    }

    [Fact]
    public async Task A_producer_registers_a_lot_from_its_product_and_a_recall_shows_on_the_next_scan()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var gtin = product.Str("gtin");
        var area = await producer.AddAreaAsync();
        await CreateAccountAsync(app, producer.OrganizationId, "lan@htx.vn", "producer");
        var visitor = new PortalVisitor(app);
        await visitor.SignInAsync("lan@htx.vn", Password);

        var form = await visitor.GetAsync($"/portal/lo/moi?gtin={gtin[1..]}");
        Assert.Contains($"<option value=\"{gtin}\" selected", form.Html);
        var refused = await visitor.PostAsync("/portal/lo/moi", [.. form.HiddenFields("/portal/lo/moi"), ("gtin", gtin), ("lotNumber", "LÔ 1"),
            ("productionDate", "2026-11-20"), ("packingDate", "19/11/2026"), ("quantity.value", "mười"), ("quantity.unit", "kg")]);
        Assert.Equal(422, refused.Status);
        Assert.NotNull(refused.ErrorBeside("lotNumber"));
        Assert.NotNull(refused.ErrorBeside("packingDate"));
        Assert.Contains("không phải số", refused.ErrorBeside("quantity.value"));

        var created = await visitor.PostAsync("/portal/lo/moi", [.. refused.HiddenFields("/portal/lo/moi"), ("gtin", gtin), ("lotNumber", "MC2611B"),
            ("productionAreaId", area.Id().ToString()), ("productionDate", "2026-11-20"), ("packingDate", "21/11/2026"), ("quantity.value", "12,5"), ("quantity.unit", "kg")]);
        Assert.Equal(302, created.Status);
        var lotPath = created.Location!.Split('?')[0];
        var lot = await visitor.GetAsync(created.Location);
        Assert.Contains("12,5 kg", lot.Html);

        var scanner = app.Anonymous();
        var before = await scanner.GetStringAsync($"/san-pham/{gtin}/lo/MC2611B");
        Assert.DoesNotContain("class=\"recall\"", before);

        var recallAction = lotPath + "/thu-hoi";
        var tokenless = await visitor.PostAsync(recallAction, [("reason", "Không có mã biểu mẫu")]);
        Assert.Equal(400, tokenless.Status); // signed in, but the form did not come from a page the portal served
        Assert.DoesNotContain("class=\"recall\"", await scanner.GetStringAsync($"/san-pham/{gtin}/lo/MC2611B"));
        var empty = await visitor.PostAsync(recallAction, [.. lot.HiddenFields(recallAction), ("reason", "  ")]);
        Assert.Equal(422, empty.Status);
        Assert.Equal("bắt buộc phải có", empty.ErrorBeside("reason"));
        var recalled = await visitor.PostAsync(recallAction, [.. lot.HiddenFields(recallAction), ("reason", "Bao bì bị hở <kiểm tra lại>")]);
        Assert.Equal(302, recalled.Status);

        var after = await scanner.GetStringAsync($"/san-pham/{gtin}/lo/MC2611B");
        Assert.Contains("class=\"recall\"", after);
        Assert.Contains("Bao bì bị hở &lt;kiểm tra lại&gt;", after);

        var stranger = await app.NewMemberAsync(name: "HTX Mận Hậu");
        await CreateAccountAsync(app, stranger.OrganizationId, "other@htx.vn", "producer");
        var other = new PortalVisitor(app);
        await other.SignInAsync("other@htx.vn", Password);
        Assert.Equal(404, (await other.GetAsync(lotPath)).Status);
    }

    [Fact]
    public async Task An_inspector_finds_a_certificate_by_its_number_and_suspends_it_so_the_lot_page_shows_no_badge()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "thanhtra@so.vn", "inspector");
        var inspector = new PortalVisitor(app);
        await inspector.SignInAsync("thanhtra@so.vn", Password);
        var lotPage = $"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}";
        var before = await app.Anonymous().GetStringAsync(lotPage);
        Assert.Equal(2, Regex.Matches(before, "class=\"badge\"").Count);

        var found = await inspector.GetAsync("/portal/chung-nhan?q=vg-area");
        var link = Regex.Match(found.Html, "<a href=\"(/portal/chung-nhan/[0-9a-f-]+)\">VG-AREA-1</a>").Groups[1].Value;
        Assert.NotEmpty(link);
        Assert.DoesNotContain("OCOP-PRODUCT-1", found.Html);

        var action = link + "/trang-thai";
        var page = await inspector.GetAsync(link);
        var noReason = await inspector.PostAsync(action, [.. page.HiddenFields(action), ("status", "suspended"), ("reason", "")]);
        Assert.Equal(422, noReason.Status);
        Assert.Equal("bắt buộc phải có", noReason.ErrorBeside("reason"));
        var suspended = await inspector.PostAsync(action, [.. page.HiddenFields(action), ("status", "suspended"), ("reason", "Mẫu chè vượt dư lượng thuốc BVTV")]);
        Assert.Equal(302, suspended.Status);

        var after = await app.Anonymous().GetStringAsync(lotPage);
        Assert.Single(Regex.Matches(after, "class=\"badge\""));
        Assert.Contains("đình chỉ", after);

        var producer = await CreateAndSignInProducerAsync(app, scene.Producer.OrganizationId);
        var own = await producer.GetAsync(link);
        Assert.Equal(200, own.Status);
        Assert.DoesNotContain("/trang-thai", own.Html);
        var forged = await producer.PostAsync(action, [.. own.HiddenFields("/portal/dang-xuat"), ("status", "active"), ("reason", "tự khôi phục")]);
        Assert.Equal(302, forged.Status);
        Assert.Contains("/portal/khong-co-quyen", forged.Location);
    }

    [Fact]
    public async Task A_producer_registers_an_area_and_its_vietgap_certificate_and_the_lot_page_shows_the_badge()
    {
        await using var scene = await Scene.LotAsync(lane);
        var app = scene.App;
        var body = await app.AddDesignatedBodyAsync();
        var producer = await CreateAndSignInProducerAsync(app, scene.Producer.OrganizationId);

        var badArea = await producer.SubmitAsync("/portal/vung/moi", "/portal/vung/moi",
            ("name", "Đồi chè Tân Lập"), ("commune", "Xã Tân Lập"), ("province", "Sơn La"), ("latitude", "95"), ("hectares", "12,5"));
        Assert.Equal(422, badArea.Status);
        Assert.NotNull(badArea.ErrorBeside("latitude"));
        var area = await producer.PostAsync("/portal/vung/moi", [.. badArea.HiddenFields("/portal/vung/moi"),
            ("name", "Đồi chè Tân Lập"), ("areaCode", "VN-SLCT-0012"), ("commune", "Xã Tân Lập"), ("province", "Sơn La"), ("latitude", "20,8436"), ("longitude", "104,6612"), ("hectares", "12,5")]);
        Assert.Equal((302, "/portal/vung?xong=1"), (area.Status, area.Location));
        var areas = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/production-areas");
        var registered = Assert.Single(areas.GetProperty("items").EnumerateArray());
        Assert.Equal(12.5m, registered.GetProperty("hectares").GetDecimal());
        Assert.Equal(20.8436, registered.GetProperty("latitude").GetDouble(), 4);

        var form = await producer.GetAsync("/portal/chung-nhan/moi");
        Assert.Contains($"<option value=\"{registered.Id()}\">Đồi chè Tân Lập</option>", form.Html);
        var backwards = await producer.PostAsync("/portal/chung-nhan/moi", [.. form.HiddenFields("/portal/chung-nhan/moi"), ("type", "vietGap"),
            ("number", "VG-SL-0012"), ("issuer", "Trung tâm Chứng nhận VietGAP"), ("validFrom", "2026-01-01"), ("validTo", "31/12/2025"),
            ("productionAreaId", registered.Id().ToString())]);
        Assert.Equal(422, backwards.Status);
        Assert.NotNull(backwards.ErrorBeside("validTo"));
        var saved = await producer.PostAsync("/portal/chung-nhan/moi", [.. form.HiddenFields("/portal/chung-nhan/moi"), ("type", "vietGap"),
            ("number", "VG-SL-0012"), ("bodyId", body.ToString()), ("validFrom", "2026-01-01"), ("validTo", "31/12/2028"),
            ("productionAreaId", registered.Id().ToString())]);
        Assert.Equal(302, saved.Status);

        var lot = await scene.Producer.AddLotAsync(scene.Gtin, "MC2611V", new { productionAreaId = registered.Id() });
        var page = await app.Anonymous().GetStringAsync($"/san-pham/{scene.Gtin}/lo/MC2611V");
        Assert.Contains("VG-SL-0012", page);
        Assert.Contains("class=\"badge\"", page);
        Assert.Contains("VN-SLCT-0012", page);
    }

    [Fact]
    public async Task Search_ignores_vietnamese_diacritics_and_case_so_che_moc_chau_finds_che_moc_chau()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync(name: "Hợp tác xã Đồng Tâm");
        await producer.AddProductAsync(nameVi: "Chè Mộc Châu  Shan tuyết", extra: new { brand = "Đồng Tâm", name = new { vi = "Chè Mộc Châu  Shan tuyết", en = "Tea" } });
        await producer.AddProductAsync(nameVi: "Mận hậu sấy dẻo", extra: new { brand = "Đồng Tâm", category = "Trái cây sấy", name = new { vi = "Mận hậu sấy dẻo", en = "Dried plums" } });
        var owner = await CreateAndSignInProducerAsync(app, producer.OrganizationId);

        var found = await owner.GetAsync("/portal/san-pham?q=" + Uri.EscapeDataString("che moc chau"));
        Assert.Contains("Chè Mộc Châu", found.Html);
        Assert.DoesNotContain("Mận hậu", found.Html);
        Assert.Contains("Mận hậu", (await owner.GetAsync("/portal/san-pham?q=MAN+HAU")).Html);
        Assert.Contains("Chè Mộc Châu", (await owner.GetAsync("/portal/san-pham?q=" + Uri.EscapeDataString("Mộc Châu shan"))).Html);

        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "thanhtra@so.vn", "inspector");
        var inspector = new PortalVisitor(app);
        await inspector.SignInAsync("thanhtra@so.vn", Password);
        var organizations = await inspector.GetAsync("/portal/to-chuc?q=dong+tam");
        Assert.Contains("Hợp tác xã Đồng Tâm", organizations.Html);
        Assert.DoesNotContain("Sở KH&amp;CN", organizations.Html);
    }

    [Fact]
    public async Task An_owner_invites_a_colleague_and_removes_them_and_only_an_owner_may()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await Http.EnsureStatus(await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "chu@htx.vn", password = Password, displayName = "Chủ HTX", organizationId = producer.OrganizationId, role = "producer", isOwner = true,
        }), 201);
        var owner = new PortalVisitor(app);
        await owner.SignInAsync("chu@htx.vn", Password);

        var invitation = await owner.SubmitAsync("/portal/dong-nghiep", "/portal/dong-nghiep/moi", ("displayName", "Anh Minh"));
        Assert.Equal(200, invitation.Status);
        var link = new Uri(Regex.Match(invitation.Html, "<p class=\"secret\">([^<]+)</p>").Groups[1].Value).AbsolutePath;
        var colleague = new PortalVisitor(app);
        Assert.Equal(302, (await colleague.SubmitAsync(link, link, ("displayName", "Anh Minh"), ("email", "minh@htx.vn"),
            ("password", Password), ("passwordRepeated", Password))).Status);

        var list = await colleague.GetAsync("/portal/dong-nghiep");
        Assert.Contains("Chủ HTX", list.Html);
        Assert.DoesNotContain("/portal/dong-nghiep/moi", list.Html);
        var notOwner = await colleague.PostAsync("/portal/dong-nghiep/moi", [.. list.HiddenFields("/portal/dang-xuat"), ("displayName", "x")]);
        Assert.Equal(403, notOwner.Status);
        var tokenPage = await colleague.SubmitAsync("/portal/ma-truy-cap", "/portal/ma-truy-cap/moi");
        var colleaguesToken = app.WithToken(Regex.Match(tokenPage.Html, "<p class=\"secret\">(nst_[^<]+)</p>").Groups[1].Value);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await colleaguesToken.GetAsync("/api/v1/products")).StatusCode);
        var ownersToken = app.WithToken(Regex.Match((await owner.SubmitAsync("/portal/ma-truy-cap", "/portal/ma-truy-cap/moi")).Html, "<p class=\"secret\">(nst_[^<]+)</p>").Groups[1].Value);

        var page = await owner.GetAsync("/portal/dong-nghiep");
        var remove = Regex.Match(page.Html, "action=\"(/portal/dong-nghiep/[0-9a-f-]+/go)\"").Groups[1].Value;
        var removed = await owner.PostAsync(remove, page.HiddenFields(remove));
        Assert.Equal(302, removed.Status);
        Assert.Equal(302, (await colleague.GetAsync("/portal")).Status);
        Assert.Equal(403, (await new PortalVisitor(app).SignInAsync("minh@htx.vn", Password)).Status);
        // What the removed person made goes with them; what others made stays.
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await colleaguesToken.GetAsync("/api/v1/products")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ownersToken.GetAsync("/api/v1/products")).StatusCode);
    }

    [Fact]
    public async Task An_inspectors_home_lists_the_registrys_changes_of_the_week()
    {
        await using var scene = await Scene.LotAsync(lane);
        var department = await scene.App.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(scene.App, department.OrganizationId, "thanhtra@so.vn", "inspector");
        var inspector = new PortalVisitor(scene.App);
        await inspector.SignInAsync("thanhtra@so.vn", Password);
        var home = await inspector.GetAsync("/portal");
        Assert.Contains("Thay đổi trong 7 ngày", home.Html);
        Assert.Contains("lô được tạo · HTX Chè Mộc Châu", home.Html);
        Assert.DoesNotContain("tài khoản", home.Html.Split("Thay đổi trong 7 ngày")[1]);
    }

    [Fact]
    public async Task A_producer_creates_an_api_token_in_the_portal_that_works_until_revoked()
    {
        await using var scene = await Scene.LotAsync(lane);
        var producer = await CreateAndSignInProducerAsync(scene.App, scene.Producer.OrganizationId);
        var created = await producer.SubmitAsync("/portal/ma-truy-cap", "/portal/ma-truy-cap/moi");
        Assert.Equal(200, created.Status);
        var secret = Regex.Match(created.Html, "<p class=\"secret\">(nst_[^<]+)</p>").Groups[1].Value;
        Assert.NotEmpty(secret);
        var integration = scene.App.WithToken(secret);
        var products = await integration.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/products");
        Assert.Equal(scene.Gtin, Assert.Single(products.GetProperty("items").EnumerateArray()).Str("gtin"));

        var page = await producer.GetAsync("/portal/ma-truy-cap");
        Assert.DoesNotContain(secret, page.Html);
        var revoke = Regex.Match(page.Html, "action=\"(/portal/ma-truy-cap/[0-9a-f-]+/thu-hoi)\"").Groups[1].Value;
        Assert.Equal(302, (await producer.PostAsync(revoke, page.HiddenFields(revoke))).Status);
        Assert.Equal(401, (int)(await integration.GetAsync("/api/v1/products")).StatusCode);
    }

    [Fact]
    public async Task A_producer_imports_a_thousand_lots_from_xlsx_after_fixing_the_one_bad_row_and_nothing_is_written_before()
    {
        await using var scene = await Scene.LotAsync(lane);
        var producer = await CreateAndSignInProducerAsync(scene.App, scene.Producer.OrganizationId);
        byte[] Sheet(string badDate)
        {
            var rows = Enumerable.Range(1, 1000).Select(i => new Dictionary<string, object>
            {
                ["GTIN"] = scene.Gtin, ["Số lô"] = $"NK{i:D4}", ["Ngày sản xuất"] = i == 517 ? badDate : "20/11/2026", ["Số lượng"] = "12,5", ["Đơn vị"] = "kg",
            });
            using var stream = new MemoryStream();
            MiniExcelLibs.MiniExcel.SaveAs(stream, rows, excelType: MiniExcelLibs.ExcelType.XLSX);
            return stream.ToArray();
        }

        var page = await producer.GetAsync("/portal/lo/nhap");
        var preview = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.xlsx", Sheet("31/02/2026"));
        Assert.Equal(422, preview.Status);
        Assert.Contains("1.000 dòng: 999 đúng, 1 có lỗi", preview.Html);
        Assert.Matches(@"<td>518</td><td>[0-9]+</td><td>NK0517</td>\s*<td><ul><li><strong>Ngày sản xuất</strong>: &#x27;31/02/2026&#x27; không phải ngày", preview.Html);
        Assert.DoesNotContain("/ghi\"", preview.Html);
        var lots = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/lots?pageSize=1");
        Assert.Equal(1, lots.GetProperty("total").GetInt32());

        var fixedPreview = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.xlsx", Sheet("21/11/2026"));
        Assert.Equal(200, fixedPreview.Status);
        var commit = Regex.Match(fixedPreview.Html, "action=\"(/portal/lo/nhap/[0-9a-f-]+/ghi)\"").Groups[1].Value;
        var written = await producer.PostAsync(commit, fixedPreview.HiddenFields(commit));
        Assert.Equal((302, "/portal/lo?xong=nhap&so=1000"), (written.Status, written.Location));
        lots = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/lots?pageSize=1");
        Assert.Equal(1001, lots.GetProperty("total").GetInt32());
        Assert.Equal(410, (await producer.PostAsync(commit, fixedPreview.HiddenFields(commit))).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await scene.App.Anonymous().GetAsync($"/san-pham/{scene.Gtin}/lo/NK0517")).StatusCode);

        // A preview is its uploader's: a colleague cannot commit it, and it stays for its owner.
        var another = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.csv",
            System.Text.Encoding.UTF8.GetBytes($"GTIN,Số lô\r\n{scene.Gtin},NK9999\r\n"));
        var anotherCommit = Regex.Match(another.Html, "action=\"(/portal/lo/nhap/[0-9a-f-]+/ghi)\"").Groups[1].Value;
        await CreateAccountAsync(scene.App, scene.Producer.OrganizationId, "minh@htx.vn", "producer");
        var colleague = new PortalVisitor(scene.App);
        await colleague.SignInAsync("minh@htx.vn", Password);
        var colleaguesForm = await colleague.GetAsync("/portal/lo/nhap");
        Assert.Equal(410, (await colleague.PostAsync(anotherCommit, colleaguesForm.HiddenFields("/portal/lo/nhap"))).Status);
        Assert.Equal(302, (await producer.PostAsync(anotherCommit, another.HiddenFields(anotherCommit))).Status);
    }

    [Fact]
    public async Task Another_organizations_records_are_404_on_every_producer_page_and_its_forms_change_nothing()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var certificates = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/certificates");
        var certificate = certificates.GetProperty("items")[0].Id();
        var owner = await (await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "chu@htx.vn", password = Password, displayName = "Chủ", organizationId = scene.Producer.OrganizationId, role = "producer", isOwner = true,
        })).Json(201);
        var stranger = await app.NewMemberAsync(name: "HTX Mận Hậu");
        await Http.EnsureStatus(await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "la@manhau.vn", password = Password, displayName = "Lạ", organizationId = stranger.OrganizationId, role = "producer", isOwner = true,
        }), 201);
        var visitor = new PortalVisitor(app);
        await visitor.SignInAsync("la@manhau.vn", Password);

        foreach (var path in new[]
        {
            $"/portal/san-pham/{scene.Product.Id()}", $"/portal/lo/{scene.LotId}", $"/portal/lo/{scene.LotId}/nhan", $"/portal/lo/{scene.LotId}/nhan/tep",
            $"/portal/lo/{scene.LotId}/nhan/to-in", $"/portal/chung-nhan/{certificate}",
        })
        {
            Assert.True((await visitor.GetAsync(path)).Status == 404, path);
        }

        var form = (await visitor.GetAsync("/portal")).HiddenFields("/portal/dang-xuat").ToList();
        foreach (var (path, fields) in new (string, (string, string)[])[]
        {
            ($"/portal/lo/{scene.LotId}/thu-hoi", [("reason", "giả mạo")]),
            ($"/portal/san-pham/{scene.Product.Id()}", [("name.vi", "Giả mạo")]),
            ($"/portal/ma-truy-cap/{scene.Producer.TokenId}/thu-hoi", []),
            ($"/portal/dong-nghiep/{owner.Id()}/go", []),
        })
        {
            Assert.True((await visitor.PostAsync(path, [.. form, .. fields])).Status == 404, path);
        }

        var lot = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/lots/{scene.LotId}");
        Assert.Equal("active", lot.Str("status"));
        var product = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/products/{scene.Product.Id()}");
        Assert.NotEqual("Giả mạo", product.GetProperty("name").Str("vi"));
        Assert.Equal(302, (await new PortalVisitor(app).SignInAsync("chu@htx.vn", Password)).Status);
    }

    private static async Task<PortalVisitor> CreateAndSignInProducerAsync(TraceApp app, Guid organizationId)
    {
        await CreateAccountAsync(app, organizationId, "lan@htx.vn", "producer");
        var visitor = new PortalVisitor(app);
        await visitor.SignInAsync("lan@htx.vn", Password);
        return visitor;
    }

    private static async Task CreateAccountAsync(TraceApp app, Guid organizationId, string email, string role)
    {
        var created = await app.Admin().PostAsJsonAsync("/api/v1/users", new { email, password = Password, displayName = email.Split('@')[0], organizationId, role });
        await created.Json(201);
    }
}

public sealed class PortalTestsOnSqlite() : PortalTests(Lane.Sqlite);

public sealed class PortalTestsOnPostgres() : PortalTests(Lane.Postgres);
