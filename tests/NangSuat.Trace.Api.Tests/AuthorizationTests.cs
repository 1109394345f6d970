using System.Net.Http.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public abstract class AuthorizationTests(Lane lane)
{
    [Fact]
    public async Task Anonymous_writes_and_reads_of_the_api_are_401_with_a_problem()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var anonymous = app.Anonymous("en");
        var write = await anonymous.PostAsJsonAsync("/api/v1/products", new { gtin = TestData.Gtin13(), name = new { vi = "X" } });
        var problem = await write.Problem(401);
        Assert.Equal("Authentication required.", problem.Str("title"));
        Assert.Equal("Bearer", write.Headers.WwwAuthenticate.Single().Scheme);
        await (await anonymous.GetAsync("/api/v1/lots")).Problem(401);
        await (await app.WithToken("nst_not-a-real-token").GetAsync("/api/v1/lots")).Problem(401);
    }

    [Fact]
    public async Task Only_an_administrator_registers_organizations_and_issues_tokens()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var inspector = await app.NewMemberAsync("inspector", name: "Sở Khoa học và Công nghệ Sơn La");
        var body = new { name = "X", taxCode = TestData.TaxCode(), kind = "household", address = new { commune = "Xã A", province = "Sơn La" } };
        await (await producer.Client.PostAsJsonAsync("/api/v1/organizations", body)).Problem(403);
        await (await inspector.Client.PostAsJsonAsync("/api/v1/organizations", body)).Problem(403);
        await (await producer.Client.PostAsJsonAsync($"/api/v1/organizations/{producer.OrganizationId}/tokens", new { role = "producer" })).Problem(403);
        // Suspending is an administrator's: not a producer's (not even of another), not an inspector's.
        var rival = await app.NewMemberAsync(name: "HTX Khác");
        var suspend = new { status = "suspended", reason = "thử" };
        await (await producer.Client.PostAsJsonAsync($"/api/v1/organizations/{rival.OrganizationId}/status", suspend)).Problem(403);
        await (await inspector.Client.PostAsJsonAsync($"/api/v1/organizations/{producer.OrganizationId}/status", suspend)).Problem(403);
        await (await rival.Client.GetAsync("/api/v1/products")).Json(200);
    }

    [Fact]
    public async Task A_producer_sees_and_changes_only_its_own_records_another_organizations_are_404()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var owner = await app.NewMemberAsync();
        var rival = await app.NewMemberAsync(name: "HTX Chè Tân Lập");
        var product = await owner.AddProductAsync();
        var lot = await owner.AddLotAsync(product.Str("gtin"));
        var area = await owner.AddAreaAsync();
        var certificate = await owner.AddCertificateAsync(new { productId = product.Id() });

        await (await rival.Client.GetAsync($"/api/v1/products/{product.Id()}")).Problem(404);
        await (await rival.Client.GetAsync($"/api/v1/lots/{lot.Id()}")).Problem(404);
        await (await rival.Client.GetAsync($"/api/v1/lots/{lot.Id()}/label")).Problem(404);
        await (await rival.Client.GetAsync($"/api/v1/production-areas/{area.Id()}")).Problem(404);
        await (await rival.Client.GetAsync($"/api/v1/certificates/{certificate.Id()}")).Problem(404);
        await (await rival.Client.GetAsync($"/api/v1/organizations/{owner.OrganizationId}")).Problem(404);
        await (await rival.Client.PutAsJsonAsync($"/api/v1/products/{product.Id()}", new { name = new { vi = "Hàng nhái" } })).Problem(404);
        await (await rival.Client.PostAsJsonAsync($"/api/v1/lots/{lot.Id()}/recall", new { reason = "phá" })).Problem(404);
        var rivalLots = await (await rival.Client.GetAsync("/api/v1/lots")).Json(200);
        Assert.Equal(0, rivalLots.GetProperty("total").GetInt32());

        // Nor can it hang its lot or certificate on the owner's product or area.
        await (await rival.Client.PostAsJsonAsync("/api/v1/lots", new { gtin = product.Str("gtin"), lotNumber = "FAKE1" }))
            .FieldError("gtin", "your organization has no product");
        await (await rival.Client.PostAsJsonAsync("/api/v1/certificates", new
        {
            type = "vietGap", number = "X1", issuer = "Y", validFrom = "2025-01-01", validTo = "2027-01-01", productionAreaId = area.Id(),
        })).FieldError("productionAreaId", "your organization has no such production area");

        var unchanged = await (await owner.Client.GetAsync($"/api/v1/products/{product.Id()}")).Json(200);
        Assert.Equal("Chè Shan tuyết", unchanged.GetProperty("name").Str("vi"));
    }

    [Fact]
    public async Task An_inspector_reads_every_organization_but_cannot_register_products()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var inspector = await app.NewMemberAsync("inspector", name: "Chi cục Trồng trọt và BVTV");
        var product = await producer.AddProductAsync();
        var lot = await producer.AddLotAsync(product.Str("gtin"));

        await (await inspector.Client.GetAsync($"/api/v1/products/{product.Id()}")).Json(200);
        var lots = await (await inspector.Client.GetAsync("/api/v1/lots")).Json(200);
        Assert.Equal(lot.Id(), lots.GetProperty("items")[0].Id());
        await (await inspector.Client.GetAsync($"/api/v1/lots/{lot.Id()}/label?format=svg")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        await (await inspector.Client.PostAsJsonAsync("/api/v1/products", new { gtin = TestData.Gtin13(), name = new { vi = "X" } })).Problem(403);
    }

    [Fact]
    public async Task Only_inspectors_and_administrators_change_a_certificates_status()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var inspector = await app.NewMemberAsync("inspector", name: "Sở Nông nghiệp và Môi trường");
        var certificate = await producer.AddCertificateAsync(new { });
        var path = $"/api/v1/certificates/{certificate.Id()}/status";

        await (await producer.Client.PostAsJsonAsync(path, new { status = "active", reason = "tự khôi phục" })).Problem(403);
        var suspended = await (await inspector.Client.PostAsJsonAsync(path, new { status = "suspended", reason = "Vi phạm quy trình phun thuốc" })).Json(200);
        Assert.Equal("suspended", suspended.Str("status"));
        var reinstated = await (await app.Admin().PostAsJsonAsync(path, new { status = "active", reason = "Đã khắc phục" })).Json(200);
        Assert.Equal("active", reinstated.Str("status"));
    }

    [Fact]
    public async Task A_revoked_token_is_refused_from_the_next_request_on()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var issued = await (await app.Admin().PostAsJsonAsync($"/api/v1/organizations/{(await app.NewMemberAsync()).OrganizationId}/tokens", new { role = "producer" })).Json(201);
        var lost = app.WithToken(issued.Str("token"));
        await (await lost.GetAsync("/api/v1/products")).Json(200);
        var organization = issued.GetProperty("organizationId").GetGuid();
        await (await lost.DeleteAsync($"/api/v1/organizations/{organization}/tokens/{issued.Id()}")).Problem(403);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"/api/v1/organizations/{organization}/tokens/{issued.Id()}")).StatusCode);
        await (await lost.GetAsync("/api/v1/products")).Problem(401);
        await (await app.Admin().DeleteAsync($"/api/v1/organizations/{organization}/tokens/{Guid.NewGuid()}")).Problem(404);
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_hashes()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<NangSuat.Trace.Api.Data.TraceDb>(scope.ServiceProvider);
        var stored = Assert.Single(db.ApiTokens.ToList());
        Assert.DoesNotContain(producer.Token, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(64, stored.Hash.Length);
    }
}

public sealed class AuthorizationTestsOnSqlite() : AuthorizationTests(Lane.Sqlite);

public sealed class AuthorizationTestsOnPostgres() : AuthorizationTests(Lane.Postgres);
