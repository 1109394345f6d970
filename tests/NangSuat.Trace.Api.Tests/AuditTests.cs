using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.Tests;

/// <summary>The audit record: every change to the registry, by whom, written with the change or not at all.</summary>
public abstract class AuditTests(Lane lane)
{
    private sealed record Expected(string Entity, string Action, string Role, Member? By);

    [Fact]
    public async Task Every_change_through_the_api_leaves_exactly_one_entry_naming_who_made_it()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var admin = app.Admin();
        var auditor = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        var producer = await app.NewMemberAsync();
        var before = await CountAsync(auditor);

        async Task<JsonElement> Step(Task<HttpResponseMessage> call, int status, Expected expected)
        {
            var response = await call;
            var body = status == 204 ? default : await response.Json(status);
            var entries = await ListAsync(auditor, pageSize: 100);
            Assert.Equal(++before, entries.GetProperty("total").GetInt32());
            var latest = entries.GetProperty("items")[0];
            Assert.Equal((expected.Entity, expected.Action, expected.Role), (latest.Str("entity"), latest.Str("action"), latest.GetProperty("actor").Str("role")));
            var actor = latest.GetProperty("actor");
            Assert.Equal(expected.By?.TokenId, actor.GetProperty("tokenId").ValueKind == JsonValueKind.Null ? null : actor.GetProperty("tokenId").GetGuid());
            Assert.Equal(expected.By?.OrganizationId, actor.GetProperty("organizationId").ValueKind == JsonValueKind.Null ? null : actor.GetProperty("organizationId").GetGuid());
            return body;
        }

        var product = await Step(producer.Client.PostAsJsonAsync("/api/v1/products", new { gtin = TestData.Gtin13(), name = new { vi = "Chè" } }), 201,
            new("product", "created", "producer", producer));
        var path = $"/api/v1/products/{product.Id()}";
        await Step(producer.Client.PutAsJsonAsync(path, new { name = new { vi = "Chè Shan tuyết" } }), 200, new("product", "updated", "producer", producer));
        var photo = new ByteArrayContent(PngWriter.Monochrome(16, 16, (x, y) => x == y));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await Step(producer.Client.PutAsync($"{path}/image", photo), 200, new("product", "updated", "producer", producer));
        await Step(producer.Client.DeleteAsync($"{path}/image"), 200, new("product", "updated", "producer", producer));
        var area = await Step(producer.Client.PostAsJsonAsync("/api/v1/production-areas", new { name = "Đồi chè", commune = "Xã Tân Lập", province = "Sơn La" }), 201,
            new("productionArea", "created", "producer", producer));
        await Step(producer.Client.PutAsJsonAsync($"/api/v1/production-areas/{area.Id()}", new { name = "Đồi chè Tân Lập", commune = "Xã Tân Lập", province = "Sơn La" }), 200,
            new("productionArea", "updated", "producer", producer));
        var certificate = await Step(producer.Client.PostAsJsonAsync("/api/v1/certificates", new { type = "vietGap", number = "VG-1", issuer = "Trung tâm", validFrom = "2025-01-01", validTo = "2028-01-01" }), 201,
            new("certificate", "created", "producer", producer));
        await Step(producer.Client.PutAsJsonAsync($"/api/v1/certificates/{certificate.Id()}", new { type = "vietGap", number = "VG-1", issuer = "Trung tâm VietGAP", validFrom = "2025-01-01", validTo = "2028-01-01" }), 200,
            new("certificate", "updated", "producer", producer));
        await Step(auditor.Client.PostAsJsonAsync($"/api/v1/certificates/{certificate.Id()}/status", new { status = "suspended", reason = "Kiểm tra" }), 200,
            new("certificate", "suspended", "inspector", auditor));
        await Step(admin.PostAsJsonAsync($"/api/v1/certificates/{certificate.Id()}/status", new { status = "active", reason = "Đã khắc phục" }), 200,
            new("certificate", "reinstated", "admin", null));
        var lot = await Step(producer.Client.PostAsJsonAsync("/api/v1/lots", new { gtin = product.Str("gtin"), lotNumber = "L1" }), 201, new("lot", "created", "producer", producer));
        await Step(producer.Client.PutAsJsonAsync($"/api/v1/lots/{lot.Id()}", new { quantity = new { value = 10, unit = "kg" } }), 200, new("lot", "updated", "producer", producer));
        await Step(producer.Client.PostAsJsonAsync($"/api/v1/lots/{lot.Id()}/serials", new { count = 5 }), 201, new("serialBatch", "created", "producer", producer));
        await Step(auditor.Client.PostAsJsonAsync($"/api/v1/lots/{lot.Id()}/recall", new { reason = "Dư lượng" }), 200, new("lot", "recalled", "inspector", auditor));
        var organization = await Step(admin.PostAsJsonAsync("/api/v1/organizations", new
        {
            name = "HTX Mận", taxCode = TestData.TaxCode(), kind = "cooperative", address = new { commune = "Xã Nà Bó", province = "Sơn La" },
        }), 201, new("organization", "created", "admin", null));
        var token = await Step(admin.PostAsJsonAsync($"/api/v1/organizations/{organization.Id()}/tokens", new { role = "producer" }), 201,
            new("apiToken", "created", "admin", null));
        await Step(admin.DeleteAsync($"/api/v1/organizations/{organization.Id()}/tokens/{token.Id()}"), 204, new("apiToken", "revoked", "admin", null));
    }

    [Fact]
    public async Task An_entry_says_what_changed_from_what_to_what_and_never_holds_a_token_secret()
    {
        await using var scene = await Scene.LotAsync(lane);
        var auditor = await scene.App.NewMemberAsync("inspector", name: "Sở KH&CN");
        await (await scene.Producer.Client.PutAsJsonAsync($"/api/v1/lots/{scene.LotId}", new { quantity = new { value = 12.5, unit = "kg" } })).Json(200);
        var entries = await ListAsync(auditor, entity: "lot", entityId: scene.LotId);
        var (update, creation) = (entries.GetProperty("items")[0], entries.GetProperty("items")[1]);
        Assert.Equal(("updated", "created"), (update.Str("action"), creation.Str("action")));
        Assert.Equal(850m, update.GetProperty("changes").GetProperty("quantityValue").GetProperty("from").GetDecimal());
        Assert.Equal(12.5m, update.GetProperty("changes").GetProperty("quantityValue").GetProperty("to").GetDecimal());
        Assert.Equal("L2611A", creation.GetProperty("changes").Str("lotNumber"));
        Assert.Equal(scene.Producer.OrganizationId, update.GetProperty("organizationId").GetGuid());

        var tokens = await ListAsync(auditor, entity: "apiToken");
        Assert.All(tokens.GetProperty("items").EnumerateArray(), t => Assert.False(t.GetProperty("changes").TryGetProperty("hash", out _)));
        Assert.DoesNotContain(scene.Producer.Token, (await auditor.Client.GetStringAsync("/api/v1/audit?pageSize=100")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_write_leaves_no_entry()
    {
        await using var scene = await Scene.LotAsync(lane);
        var auditor = await scene.App.NewMemberAsync("inspector", name: "Sở KH&CN");
        var before = await CountAsync(auditor);
        await (await scene.Producer.Client.PostAsJsonAsync("/api/v1/products", new { gtin = scene.Gtin, name = new { vi = "Trùng" } })).Problem(409);
        await (await scene.Producer.Client.PostAsJsonAsync("/api/v1/lots", new { gtin = scene.Gtin, lotNumber = scene.LotNumber })).Problem(409);
        await (await scene.Producer.Client.PutAsJsonAsync($"/api/v1/lots/{scene.LotId}", new { quantity = new { value = -1, unit = "kg" } })).Problem(400);
        await (await scene.Producer.Client.PostAsJsonAsync($"/api/v1/lots/{scene.LotId}/recall", new { reason = "" })).Problem(400);
        Assert.Equal(before, await CountAsync(auditor));
    }

    [Fact]
    public async Task Only_inspectors_and_administrators_read_the_audit_record_and_its_filters_narrow_it()
    {
        await using var scene = await Scene.LotAsync(lane);
        var other = await scene.App.NewMemberAsync(name: "HTX khác");
        await other.AddProductAsync();
        var auditor = await scene.App.NewMemberAsync("inspector", name: "Sở KH&CN");
        await (await scene.Producer.Client.GetAsync("/api/v1/audit")).Problem(403);
        await (await scene.App.Anonymous().GetAsync("/api/v1/audit")).Problem(401);

        var mine = await ListAsync(auditor, organizationId: scene.Producer.OrganizationId);
        Assert.All(mine.GetProperty("items").EnumerateArray(), e => Assert.Equal(scene.Producer.OrganizationId, e.GetProperty("organizationId").GetGuid()));
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), e => e.Str("entity") == "lot");
        var products = await ListAsync(app: scene.App, entity: "product");
        Assert.Equal(2, products.GetProperty("total").GetInt32());
        var future = await (await scene.App.Admin().GetAsync($"/api/v1/audit?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}")).Json(200);
        Assert.Equal(0, future.GetProperty("total").GetInt32());
        var past = await (await scene.App.Admin().GetAsync($"/api/v1/audit?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}")).Json(200);
        Assert.Equal(0, past.GetProperty("total").GetInt32());
        await (await auditor.Client.GetAsync("/api/v1/audit?entity=secret")).FieldError("entity", "use one of");
    }

    private static async Task<int> CountAsync(Member auditor) => (await ListAsync(auditor)).GetProperty("total").GetInt32();

    private static Task<JsonElement> ListAsync(Member auditor, int pageSize = 20, string? entity = null, Guid? entityId = null, Guid? organizationId = null) =>
        ListAsync(auditor.Client, pageSize, entity, entityId, organizationId);

    private static Task<JsonElement> ListAsync(TraceApp app, string? entity = null) => ListAsync(app.Admin(), 20, entity, null, null);

    private static async Task<JsonElement> ListAsync(HttpClient client, int pageSize, string? entity, Guid? entityId, Guid? organizationId)
    {
        var query = $"/api/v1/audit?pageSize={pageSize}" + (entity is null ? "" : $"&entity={entity}") + (entityId is null ? "" : $"&entityId={entityId}")
            + (organizationId is null ? "" : $"&organizationId={organizationId}");
        var response = await client.GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json(200);
    }
}

public sealed class AuditTestsOnSqlite() : AuditTests(Lane.Sqlite);

public sealed class AuditTestsOnPostgres() : AuditTests(Lane.Postgres);
