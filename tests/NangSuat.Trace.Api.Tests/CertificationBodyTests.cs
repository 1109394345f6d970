using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>The registry of certification bodies and their designations, as inspectors keep it and producers read it.</summary>
public abstract class CertificationBodyTests(Lane lane)
{
    private const int Racers = 20;
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    public static object Body(string code = "VietGAP-TT-12-03", string name = "Trung tâm Chứng nhận Phù hợp (QUACERT)") =>
        new { name, code, taxCode = TestData.TaxCode(), address = "8 Hoàng Quốc Việt, Cầu Giấy, Hà Nội", contact = new { phone = "024 3756 1025", email = "info@quacert.example" } };

    public static object Designation(string decisionNumber = "1215/QĐ-TT-CLT", string[]? standards = null, string[]? scopes = null, string validTo = "2029-03-31") =>
        new
        {
            authority = "Cục Trồng trọt, Bộ Nông nghiệp và Môi trường", decisionNumber, decisionDate = "2024-03-28",
            standards = standards ?? ["vietGap"], scopes = scopes ?? ["crop"], validFrom = "2024-04-01", validTo,
        };

    [Fact]
    public async Task An_inspector_registers_a_body_and_its_designation_and_producers_read_them()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var inspector = await app.NewMemberAsync("inspector", name: "Sở Nông nghiệp Sơn La");
        var producer = await app.NewMemberAsync();

        var created = await (await inspector.Client.PostAsJsonAsync("/api/v1/certification-bodies", Body(), Cancel)).Json(201);
        Assert.Equal(("VietGAP-TT-12-03", "active"), (created.Str("code"), created.Str("status")));
        Assert.Equal("8 Hoàng Quốc Việt, Cầu Giấy, Hà Nội", created.Str("address"));
        var bodyId = created.Id();

        var designation = await (await inspector.Client.PostAsJsonAsync($"/api/v1/certification-bodies/{bodyId}/designations",
            Designation(standards: ["vietGap", "VIETGAP", "organic"], scopes: ["crop", "aquaculture"]), Cancel)).Json(201);
        Assert.Equal(["vietGap", "organic"], designation.GetProperty("standards").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["crop", "aquaculture"], designation.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.True(designation.GetProperty("inForce").GetBoolean());

        // Producers name their certificate's body from the registry: they read it, and cannot change it.
        var read = await (await producer.Client.GetAsync($"/api/v1/certification-bodies/{bodyId}", Cancel)).Json(200);
        Assert.Equal(designation.Id(), Assert.Single(read.GetProperty("designations").EnumerateArray()).Id());
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.Client.PostAsJsonAsync("/api/v1/certification-bodies", Body("OTHER-1"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.Client.PostAsJsonAsync($"/api/v1/certification-bodies/{bodyId}/status", new { status = "suspended", reason = "x" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/certification-bodies", Cancel)).StatusCode);

        // An address may also come as an organization's is written.
        var structured = await (await app.Admin().PostAsJsonAsync("/api/v1/certification-bodies", new
        {
            name = "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Sơn La", code = "OCOP-SL", taxCode = TestData.TaxCode(),
            address = new { street = "Số 1 Chu Văn Thịnh", commune = "Phường Tô Hiệu", province = "Sơn La" },
        }, Cancel)).Json(201);
        Assert.Equal("Số 1 Chu Văn Thịnh, Phường Tô Hiệu, Sơn La", structured.Str("address"));

        var audit = await (await app.Admin().GetAsync($"/api/v1/audit?entity=designation&pageSize=10", Cancel)).Json(200);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(("created", bodyId), (entry.Str("action"), entry.GetProperty("organizationId").GetGuid()));
    }

    [Fact]
    public async Task Wrong_fields_are_named_with_the_reason_in_the_callers_language_and_nothing_is_stored()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var vietnamese = app.WithToken(TraceApp.AdminToken, language: null);
        var refused = await vietnamese.PostAsJsonAsync("/api/v1/certification-bodies", new { name = " ", code = "X", taxCode = "0101234567", address = 42 }, Cancel);
        var problem = await refused.Json(400);
        var errors = problem.GetProperty("errors");
        Assert.Contains("bắt buộc", errors.GetProperty("name")[0].GetString());
        Assert.True(errors.TryGetProperty("taxCode", out _), problem.ToString());
        Assert.Contains("{street, commune, province}", errors.GetProperty("address")[0].GetString());

        var body = await (await app.Admin().PostAsJsonAsync("/api/v1/certification-bodies", Body(), Cancel)).Json(201);
        var designation = await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body.Id()}/designations", new
        {
            authority = "", decisionNumber = "12/QĐ", decisionDate = "2024-01-01", standards = new[] { "vietGap", "vietgapp" }, scopes = Array.Empty<string>(),
            validFrom = "2025-01-01", validTo = "2024-12-31",
        }, Cancel);
        var fields = (await designation.Json(400)).GetProperty("errors");
        Assert.Equal(["authority", "scopes", "standards[1]", "validTo"], fields.EnumerateObject().Select(f => f.Name).Order());
        Assert.Contains("vietGap, globalGap", fields.GetProperty("standards[1]")[0].GetString());

        var stored = await (await app.Admin().GetAsync($"/api/v1/certification-bodies/{body.Id()}", Cancel)).Json(200);
        Assert.Empty(stored.GetProperty("designations").EnumerateArray());
        await (await app.Admin().GetAsync($"/api/v1/certification-bodies/{Guid.NewGuid()}", Cancel)).Problem(404);
        await (await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{Guid.NewGuid()}/designations", Designation(), Cancel)).Problem(404);
    }

    [Fact]
    public async Task A_code_or_a_decision_registered_twice_is_refused_with_409()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var body = await (await app.Admin().PostAsJsonAsync("/api/v1/certification-bodies", Body("VICB-01"), Cancel)).Json(201);
        var again = await app.Admin().PostAsJsonAsync("/api/v1/certification-bodies", Body("vicb-01", "Another name"), Cancel);
        Assert.Contains("vicb-01", (await again.Problem(409)).Str("detail"));

        await (await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body.Id()}/designations", Designation("99/QĐ"), Cancel)).Json(201);
        await (await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body.Id()}/designations", Designation("99/QĐ"), Cancel)).Problem(409);
    }

    [Fact]
    public async Task Suspension_and_revocation_keep_their_reasons_and_a_revocation_is_final()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var inspector = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        var body = await (await inspector.Client.PostAsJsonAsync("/api/v1/certification-bodies", Body(), Cancel)).Json(201);
        var path = $"/api/v1/certification-bodies/{body.Id()}";
        var designation = await (await inspector.Client.PostAsJsonAsync($"{path}/designations", Designation(), Cancel)).Json(201);

        await (await inspector.Client.PostAsJsonAsync($"{path}/status", new { status = "suspended" }, Cancel)).FieldError("reason", "required");
        var suspended = await (await inspector.Client.PostAsJsonAsync($"{path}/designations/{designation.Id()}/status",
            new { status = "suspended", reason = "Vi phạm quy trình lấy mẫu" }, Cancel)).Json(200);
        Assert.Equal(("suspended", false), (suspended.Str("status"), suspended.GetProperty("inForce").GetBoolean()));
        await (await inspector.Client.PostAsJsonAsync($"{path}/designations/{designation.Id()}/status", new { status = "active", reason = "Đã khắc phục" }, Cancel)).Json(200);
        await (await inspector.Client.PostAsJsonAsync($"{path}/designations/{designation.Id()}/status", new { status = "revoked", reason = "Thu hồi quyết định" }, Cancel)).Json(200);
        await (await inspector.Client.PostAsJsonAsync($"{path}/designations/{designation.Id()}/status", new { status = "active", reason = "Thử lại" }, Cancel)).Problem(409);

        var read = await (await inspector.Client.GetAsync(path, Cancel)).Json(200);
        var history = read.GetProperty("designations")[0].GetProperty("history").EnumerateArray().Select(h => (h.Str("to"), h.Str("reason"))).ToList();
        Assert.Equal([("suspended", "Vi phạm quy trình lấy mẫu"), ("active", "Đã khắc phục"), ("revoked", "Thu hồi quyết định")], history);
        Assert.Empty(read.GetProperty("history").EnumerateArray()); // the body itself never changed status

        var actions = await (await app.Admin().GetAsync($"/api/v1/audit?entity=designation&entityId={designation.Id()}&pageSize=10", Cancel)).Json(200);
        Assert.Equal(["created", "reinstated", "revoked", "suspended"], actions.GetProperty("items").EnumerateArray().Select(e => e.Str("action")).Order());
    }

    [Fact]
    public async Task Twenty_racing_suspensions_of_a_body_are_decided_once_with_one_history_entry()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var body = await (await app.Admin().PostAsJsonAsync("/api/v1/certification-bodies", Body(), Cancel)).Json(201);
        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body.Id()}/status", new { status = "suspended", reason = $"Lý do {i}" }, Cancel)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(Racers - 1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var read = await (await app.Admin().GetAsync($"/api/v1/certification-bodies/{body.Id()}", Cancel)).Json(200);
        Assert.Single(read.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task The_list_finds_bodies_by_unaccented_text_status_and_standard()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var admin = app.Admin();
        var vietgap = await (await admin.PostAsJsonAsync("/api/v1/certification-bodies", Body("VG-01", "Trung tâm Chứng nhận VietGAP Tây Bắc"), Cancel)).Json(201);
        await (await admin.PostAsJsonAsync($"/api/v1/certification-bodies/{vietgap.Id()}/designations", Designation(), Cancel)).Json(201);
        var ocop = await (await admin.PostAsJsonAsync("/api/v1/certification-bodies", Body("OCOP-SL", "Hội đồng OCOP tỉnh Sơn La"), Cancel)).Json(201);
        await (await admin.PostAsJsonAsync($"/api/v1/certification-bodies/{ocop.Id()}/designations",
            Designation("88/QĐ-UBND", standards: ["ocop"], scopes: ["processedFood", "beverage"], validTo: "2030-01-01"), Cancel)).Json(201);
        await (await admin.PostAsJsonAsync($"/api/v1/certification-bodies/{ocop.Id()}/status", new { status = "suspended", reason = "Kiện toàn hội đồng" }, Cancel)).Json(200);

        async Task<List<string>> Codes(string query) =>
            [.. (await (await admin.GetAsync($"/api/v1/certification-bodies?{query}", Cancel)).Json(200)).GetProperty("items").EnumerateArray().Select(b => b.Str("code"))];

        Assert.Equal(["VG-01"], await Codes("q=chung nhan tay bac"));
        Assert.Equal(["OCOP-SL"], await Codes("status=suspended"));
        Assert.Equal(["OCOP-SL"], await Codes("standard=ocop"));
        Assert.Equal(["OCOP-SL", "VG-01"], await Codes("pageSize=10"));
        await (await admin.GetAsync("/api/v1/certification-bodies?standard=gap", Cancel)).FieldError("standard", "gap");
    }
}

public sealed class CertificationBodyTestsOnSqlite() : CertificationBodyTests(Lane.Sqlite);

public sealed class CertificationBodyTestsOnPostgres() : CertificationBodyTests(Lane.Postgres);
