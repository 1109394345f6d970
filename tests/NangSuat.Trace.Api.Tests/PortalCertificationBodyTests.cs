using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>The registry of certification bodies in the portal: inspectors keep it by form and by the official list; producers read it.</summary>
public abstract partial class PortalTests
{
    private const string Bodies = "/portal/to-chuc-chung-nhan";

    private static async Task<PortalVisitor> SignedInInspectorAsync(TraceApp app)
    {
        var department = await app.NewMemberAsync("inspector", name: "Sở Nông nghiệp và Môi trường Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "thanhtra@so.vn", "inspector");
        var inspector = new PortalVisitor(app);
        await inspector.SignInAsync("thanhtra@so.vn", Password);
        return inspector;
    }

    [Fact]
    public async Task An_inspector_registers_a_body_records_its_designation_and_suspends_it_with_a_reason()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var inspector = await SignedInInspectorAsync(app);
        var form = await inspector.GetAsync($"{Bodies}/moi");
        var hidden = form.HiddenFields($"{Bodies}/moi").ToList();
        var refused = await inspector.PostAsync($"{Bodies}/moi", [.. hidden, ("name", "Trung tâm Chứng nhận <b>Tây Bắc</b>"), ("code", "VG-TB-01"), ("taxCode", "123"), ("address", "")]);
        Assert.Equal(422, refused.Status);
        Assert.NotNull(refused.ErrorBeside("taxCode"));
        Assert.Contains("bắt buộc", refused.ErrorBeside("address"));
        Assert.Contains("Trung tâm Chứng nhận &lt;b&gt;Tây Bắc&lt;/b&gt;", refused.Html); // what was typed comes back, escaped

        var created = await inspector.PostAsync($"{Bodies}/moi", [.. hidden, ("name", "Trung tâm Chứng nhận Tây Bắc"), ("code", "VG-TB-01"), ("taxCode", TestData.TaxCode()), ("address", "Tổ 2, phường Chiềng Lề, Sơn La")]);
        Assert.Equal(302, created.Status);
        var bodyPath = created.Location!.Split('?')[0];
        var page = await inspector.GetAsync(created.Location!);
        Assert.Contains("Chưa có quyết định nào", page.Html);

        var action = $"{bodyPath}/quyet-dinh";
        (string, string)[] designation = [.. page.HiddenFields(action), ("authority", "Cục Trồng trọt"), ("decisionNumber", "77/QĐ-TT"), ("decisionDate", "15/01/2025"),
            ("standards", "vietGap"), ("standards", "organic"), ("scopes", "crop"), ("validFrom", "2025-02-01")];
        var badDate = await inspector.PostAsync(action, [.. designation.Where(f => f.Item1 != "validFrom"), ("validFrom", "31/02/2025")]);
        Assert.Equal(422, badDate.Status);
        Assert.Contains("không phải ngày", badDate.ErrorBeside("validFrom"));
        Assert.Contains("checked", Regex.Match(badDate.Html, "<input type=\"checkbox\" name=\"standards\" value=\"organic\"[^>]*>").Value); // the choices survive the error

        var recorded = await inspector.PostAsync(action, designation);
        Assert.Equal(302, recorded.Status);
        page = await inspector.GetAsync(bodyPath);
        Assert.Contains("77/QĐ-TT", page.Html);
        Assert.Contains("VietGAP, Hữu cơ (Organic)", page.Html);
        Assert.Contains("không thời hạn", page.Html);

        var bodyJson = (await app.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/certification-bodies?q=tay bac"))!.GetProperty("items")[0];
        var designationId = bodyJson.GetProperty("designations")[0].Id();
        var statusAction = $"{bodyPath}/quyet-dinh/{designationId}/trang-thai";
        Assert.Equal(422, (await inspector.PostAsync(statusAction, [.. page.HiddenFields(statusAction), ("status", "suspended"), ("reason", " ")])).Status);
        var suspended = await inspector.PostAsync(statusAction, [.. page.HiddenFields(statusAction), ("status", "suspended"), ("reason", "Chưa nộp báo cáo năm")]);
        Assert.Equal(302, suspended.Status);
        page = await inspector.GetAsync(bodyPath);
        Assert.Contains("Quyết định 77/QĐ-TT: đang hoạt động → bị đình chỉ. Chưa nộp báo cáo năm", page.Html);

        // A producer reads the registry, with none of the forms, and cannot post them.
        var producer = await CreateAndSignInProducerAsync(app, (await app.NewMemberAsync()).OrganizationId);
        var read = await producer.GetAsync(bodyPath);
        Assert.Equal(200, read.Status);
        Assert.DoesNotContain("/quyet-dinh\"", read.Html);
        Assert.DoesNotContain("/trang-thai\"", read.Html);
        var forbidden = await producer.PostAsync(statusAction, [.. read.HiddenFields("/portal/dang-xuat"), ("status", "active"), ("reason", "x")]);
        Assert.Contains("/portal/khong-co-quyen", forbidden.Location);
        var after = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/certification-bodies/{bodyJson.Id()}");
        Assert.Equal("suspended", after.GetProperty("designations")[0].Str("status"));
    }

    [Fact]
    public async Task The_official_list_is_imported_after_its_bad_row_is_fixed_and_importing_it_again_adds_nothing()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var inspector = await SignedInInspectorAsync(app);
        var template = await inspector.DownloadAsync($"{Bodies}/nhap/mau.csv");
        Assert.StartsWith("Mã chỉ định,Tên tổ chức chứng nhận,Mã số thuế", Encoding.UTF8.GetString(template.Bytes).TrimStart('\uFEFF'));

        var (quacert, ocop) = (TestData.TaxCode(), TestData.TaxCode());
        string Sheet(string standard) =>
            "Mã chỉ định,Tên tổ chức chứng nhận,Mã số thuế,Địa chỉ,Cơ quan chỉ định,Số quyết định,Ngày quyết định,Tiêu chuẩn,Phạm vi,Hiệu lực từ,Hiệu lực đến\r\n" +
            $"VG-01,QUACERT,{quacert},Hà Nội,Cục Trồng trọt,12/QĐ-TT,01/03/2024,{standard},trồng trọt,01/04/2024,31/03/2029\r\n" +
            $"VG-01,QUACERT,{quacert},Hà Nội,Cục Thủy sản,30/QĐ-TS,05/05/2024,VietGAP,thủy sản,05/05/2024,04/05/2029\r\n" +
            $"OCOP-SL,Hội đồng OCOP tỉnh Sơn La,{ocop},Sơn La,UBND tỉnh Sơn La,88/QĐ-UBND,10/01/2023,OCOP,\"đồ uống; thực phẩm chế biến\",10/01/2023,\r\n";
        var page = await inspector.GetAsync($"{Bodies}/nhap");
        var preview = await inspector.UploadAsync($"{Bodies}/nhap", page.HiddenFields($"{Bodies}/nhap"), "file", "ds.csv", Encoding.UTF8.GetBytes(Sheet("VietGAP; GAP-X")));
        Assert.Equal(422, preview.Status);
        Assert.Contains("3 dòng: 2 đúng, 1 có lỗi", preview.Html);
        Assert.Contains("GAP-X", preview.Html);

        var good = await inspector.UploadAsync($"{Bodies}/nhap", page.HiddenFields($"{Bodies}/nhap"), "file", "ds.csv", Encoding.UTF8.GetBytes(Sheet("VietGAP; Hữu cơ")));
        Assert.Equal(200, good.Status);
        var commit = Regex.Match(good.Html, $"action=\"({Regex.Escape(Bodies)}/nhap/[0-9a-f-]+/ghi)\"").Groups[1].Value;
        var written = await inspector.PostAsync(commit, good.HiddenFields(commit));
        Assert.Equal((302, $"{Bodies}?xong=nhap&so=3"), (written.Status, written.Location));

        var registry = await app.Admin().GetFromJsonAsync<JsonElement>("/api/v1/certification-bodies?pageSize=10");
        var bodies = registry.GetProperty("items").EnumerateArray().ToDictionary(b => b.Str("code"));
        Assert.Equal(2, bodies.Count);
        Assert.Equal(["12/QĐ-TT", "30/QĐ-TS"], bodies["VG-01"].GetProperty("designations").EnumerateArray().Select(d => d.Str("decisionNumber")));
        Assert.Equal(["vietGap", "organic"], bodies["VG-01"].GetProperty("designations")[0].GetProperty("standards").EnumerateArray().Select(s => s.GetString()));
        var council = bodies["OCOP-SL"].GetProperty("designations")[0];
        Assert.Equal(["beverage", "processedFood"], council.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, council.GetProperty("validTo").ValueKind);

        // Next month's list holds the same rows and one new decision: only that one is written.
        var next = Sheet("VietGAP; Hữu cơ") + $"OCOP-SL,Hội đồng OCOP tỉnh Sơn La,{ocop},Sơn La,UBND tỉnh Sơn La,91/QĐ-UBND,02/02/2026,OCOP,thảo dược,02/02/2026,\r\n";
        var again = await inspector.UploadAsync($"{Bodies}/nhap", page.HiddenFields($"{Bodies}/nhap"), "file", "ds.csv", Encoding.UTF8.GetBytes(next));
        var commitAgain = Regex.Match(again.Html, $"action=\"({Regex.Escape(Bodies)}/nhap/[0-9a-f-]+/ghi)\"").Groups[1].Value;
        Assert.Equal(302, (await inspector.PostAsync(commitAgain, again.HiddenFields(commitAgain))).Status);
        var grown = await app.Admin().GetFromJsonAsync<JsonElement>("/api/v1/certification-bodies?pageSize=10");
        Assert.Equal(4, grown.GetProperty("items").EnumerateArray().Sum(b => b.GetProperty("designations").GetArrayLength()));

        var list = await inspector.GetAsync($"{Bodies}?q=ocop son la");
        Assert.Contains("Hội đồng OCOP tỉnh Sơn La", list.Html);
        Assert.DoesNotContain("QUACERT", list.Html);
    }

    [Fact]
    public async Task A_producer_names_the_body_from_the_registry_and_an_inspector_links_a_typed_issuer_to_it()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var body = await app.AddDesignatedBodyAsync();
        var member = await app.NewMemberAsync();
        var producer = await CreateAndSignInProducerAsync(app, member.OrganizationId);
        var form = await producer.GetAsync("/portal/chung-nhan/moi");
        Assert.Contains($"<option value=\"{body}\">Trung tâm Chứng nhận VietGAP (VG-TEST-01)</option>", form.Html);
        var hidden = form.HiddenFields("/portal/chung-nhan/moi").ToList();

        var neither = await producer.UploadAsync("/portal/chung-nhan/moi", [.. hidden, ("type", "vietGap"), ("number", "VG-F-1"), ("validFrom", "2025-01-01"), ("validTo", "2028-01-01")]);
        Assert.Equal(422, neither.Status);
        Assert.Contains("bắt buộc", neither.ErrorBeside("issuer"));

        var registered = await producer.UploadAsync("/portal/chung-nhan/moi",
            [.. hidden, ("type", "vietGap"), ("number", "VG-F-1"), ("bodyId", body.ToString()), ("issuedOn", "2025-01-01"), ("validFrom", "2025-01-01"), ("validTo", "2028-01-01"), ("scope.productGroups", "crop")]);
        Assert.Equal(302, registered.Status);
        var page = await producer.GetAsync(registered.Location!);
        Assert.Contains("Trung tâm Chứng nhận VietGAP", page.Html);
        Assert.Contains("<span class=\"status\">Đã xác minh</span>", page.Html);

        var typed = await producer.UploadAsync("/portal/chung-nhan/moi",
            [.. hidden, ("type", "vietGap"), ("number", "VG-F-2"), ("issuer", "Trung tâm cũ"), ("validFrom", "2025-01-01"), ("validTo", "2028-01-01")]);
        var typedPath = typed.Location!.Split('?')[0];
        var unverified = await producer.GetAsync(typedPath);
        Assert.Contains("Trung tâm cũ (không có trong danh sách tổ chức chứng nhận)", unverified.Html);
        Assert.Contains("Chưa xác minh", unverified.Html);
        Assert.DoesNotContain("/to-chuc-cap", unverified.Html); // linking is the inspectors'

        var inspector = await SignedInInspectorAsync(app);
        var seen = await inspector.GetAsync(typedPath);
        var linked = await inspector.PostAsync($"{typedPath}/to-chuc-cap", [.. seen.HiddenFields($"{typedPath}/to-chuc-cap"), ("bodyId", body.ToString())]);
        Assert.Equal(302, linked.Status);
        Assert.Contains("<span class=\"status\">Đã xác minh</span>", (await inspector.GetAsync(typedPath)).Html);
        var forbidden = await producer.PostAsync($"{typedPath}/to-chuc-cap", [.. unverified.HiddenFields("/portal/dang-xuat"), ("bodyId", body.ToString())]);
        Assert.Contains("/portal/khong-co-quyen", forbidden.Location);
    }
}
