using System.Net;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public abstract class ServiceTests(Lane lane)
{
    [Fact]
    public async Task The_openapi_document_describes_the_contract_and_swagger_ui_serves_it()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var document = await (await app.Anonymous().GetAsync("/openapi/v1.json")).Json(200);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/organizations", "/api/v1/organizations/{id}/tokens", "/api/v1/products", "/api/v1/production-areas",
            "/api/v1/certificates", "/api/v1/certificates/{id}/status", "/api/v1/lots", "/api/v1/lots/{id}/recall", "/api/v1/lots/{id}/label" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").Str("scheme"));
        var ui = await app.Anonymous().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("swagger", await ui.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_answer_with_problem_details()
    {
        await using var app = await TraceApp.StartAsync(lane);
        await (await app.Admin().GetAsync("/api/v1/nothing-here")).Problem(404);
        await (await app.Admin().DeleteAsync("/api/v1/products")).Problem(405);
    }

    [Fact]
    public async Task Scans_past_the_per_address_limit_get_429_with_retry_after_while_the_api_keeps_working()
    {
        await using var app = await TraceApp.StartAsync(lane);
        await using var limited = app.WithResolverLimit(3);
        var phone = limited.Anonymous("en");
        for (var i = 0; i < 3; i++)
        {
            await (await phone.GetAsync($"/01/{TestData.Gtin13()}")).Problem(404);
        }

        var refused = await phone.GetAsync($"/01/{TestData.Gtin13()}");
        Assert.Equal("Too many requests.", (await refused.Problem(429)).Str("title"));
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        await (await limited.Admin().GetAsync("/api/v1/organizations")).Json(200);
    }

    [Fact]
    public async Task A_serial_level_link_resolves_to_its_lots_page()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        await producer.AddLotAsync(product.Str("gtin"), "L1");
        var response = await app.Anonymous().GetAsync($"/01/{product.Str("gtin")}/10/L1/21/SN-0001");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"{TraceApp.DefaultBaseUrl}/san-pham/{product.Str("gtin")}/lo/L1", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_home_page_lookup_form_takes_a_typed_code_to_its_page()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        await producer.AddLotAsync(product.Str("gtin"), "L1");
        Assert.Contains("action=\"/tra-cuu\"", await app.Anonymous().GetStringAsync("/"), StringComparison.Ordinal);
        var found = await app.Anonymous().GetAsync($"/tra-cuu?gtin={product.Str("gtin")[1..]}&lot=L1");
        Assert.Equal($"/san-pham/{product.Str("gtin")}/lo/L1", found.Headers.Location!.ToString());
        var typo = await app.Anonymous().GetAsync("/tra-cuu?gtin=8934563123459&lot=");
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("số kiểm tra phải là 1, không phải 9", await typo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class ServiceTestsOnSqlite() : ServiceTests(Lane.Sqlite);

public sealed class ServiceTestsOnPostgres() : ServiceTests(Lane.Postgres);

public sealed class StartupTests
{
    [Fact]
    public async Task A_misspelled_database_provider_stops_the_service_at_start_with_the_setting_named()
    {
        await using var app = new MisconfiguredApp();
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Database:Provider must be 'sqlite' or 'postgres'", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class MisconfiguredApp : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", "mysql");
            builder.UseSetting("ConnectionStrings:Trace", $"Data Source={Path.GetTempPath()}/never-{Guid.NewGuid():N}.db");
        }
    }
}
