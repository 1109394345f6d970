using System.Net.Http.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public abstract class CertificateTests(Lane lane)
{
    [Fact]
    public async Task Status_changes_keep_their_history_and_revocation_is_final()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var inspector = await app.NewMemberAsync("inspector", name: "Tổ chức chứng nhận");
        var certificate = await producer.AddCertificateAsync(new { }, number: "VG-77");
        Assert.Equal(("active", "valid", "organization"), (certificate.Str("status"), certificate.Str("standing"), certificate.Str("subject")));
        var path = $"/api/v1/certificates/{certificate.Id()}/status";

        await (await inspector.Client.PostAsJsonAsync(path, new { status = "suspended", reason = "Chưa nộp nhật ký sản xuất" })).Json(200);
        await (await inspector.Client.PostAsJsonAsync(path, new { status = "suspended", reason = "lặp" })).Problem(409);
        await (await inspector.Client.PostAsJsonAsync(path, new { status = "active", reason = "Đã bổ sung nhật ký" })).Json(200);
        var revoked = await (await inspector.Client.PostAsJsonAsync(path, new { status = "revoked", reason = "Sử dụng chất cấm" })).Json(200);
        Assert.Equal("revoked", revoked.Str("standing"));
        await (await inspector.Client.PostAsJsonAsync(path, new { status = "active", reason = "xin lại" })).Problem(409);

        var read = await (await producer.Client.GetAsync($"/api/v1/certificates/{certificate.Id()}")).Json(200);
        var history = read.GetProperty("history").EnumerateArray().Select(h => (h.Str("from"), h.Str("to"), h.Str("reason"))).ToList();
        Assert.Equal(
        [
            ("active", "suspended", "Chưa nộp nhật ký sản xuất"),
            ("suspended", "active", "Đã bổ sung nhật ký"),
            ("active", "revoked", "Sử dụng chất cấm"),
        ], history);
    }

    [Fact]
    public async Task A_status_change_needs_a_known_status_and_a_reason()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var certificate = await producer.AddCertificateAsync(new { });
        var response = await app.Admin().PostAsJsonAsync($"/api/v1/certificates/{certificate.Id()}/status", new { status = "expired" });
        var errors = (await response.Problem(400)).GetProperty("errors");
        Assert.Contains("use one of: active, suspended, revoked", errors.GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("is required", errors.GetProperty("reason")[0].GetString());
        await (await app.Admin().PostAsJsonAsync($"/api/v1/certificates/{Guid.NewGuid()}/status", new { status = "revoked", reason = "x" })).Problem(404);
    }

    [Fact]
    public async Task Expiry_is_derived_from_the_dates_not_stored()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var old = await producer.AddCertificateAsync(new { }, validFrom: "2019-01-01", validTo: "2022-01-01");
        Assert.Equal(("active", "expired"), (old.Str("status"), old.Str("standing")));
        var renewed = await (await producer.Client.PutAsJsonAsync($"/api/v1/certificates/{old.Id()}", new
        {
            type = "vietGap", number = old.Str("number"), issuer = old.Str("issuer"), validFrom = "2025-01-01", validTo = "2099-01-01",
        })).Json(200);
        Assert.Equal("valid", renewed.Str("standing"));
    }
}

public sealed class CertificateTestsOnSqlite() : CertificateTests(Lane.Sqlite);

public sealed class CertificateTestsOnPostgres() : CertificateTests(Lane.Postgres);
