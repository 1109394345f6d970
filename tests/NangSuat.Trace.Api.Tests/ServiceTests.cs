using System.Net;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task The_openapi_document_declares_every_problem_each_endpoint_can_answer()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var document = await (await app.Anonymous().GetAsync("/openapi/v1.json")).Json(200);
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "head"))
            {
                operations++;
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var responses = operation.Value.GetProperty("responses");
                void Declares(string status)
                {
                    Assert.True(responses.TryGetProperty(status, out var response), $"{where} does not declare {status}");
                    if (status[0] is '4')
                    {
                        Assert.True(response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _), $"{where}: {status} is not problem+json");
                    }
                }

                var takesInput = operation.Value.TryGetProperty("requestBody", out _)
                    || (operation.Value.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p => p.Str("in") == "query"));
                if (takesInput)
                {
                    Declares("400");
                }

                // An operation that needs no credentials says so with an empty security requirement; like the public pages, it is rate-limited instead.
                var anonymous = operation.Value.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
                if (path.Name.StartsWith("/api/", StringComparison.Ordinal) && !anonymous)
                {
                    Declares("401");
                    Declares("403");
                }
                else
                {
                    Declares("429");
                }

                if (path.Name.Contains('{', StringComparison.Ordinal))
                {
                    Declares("404");
                }
            }
        }

        Assert.True(operations > 30, $"only {operations} operations described");
        var resolve = document.GetProperty("paths").GetProperty("/01/{path}").GetProperty("get").GetProperty("responses");
        Assert.All(new[] { "200", "300", "307", "400", "404" }, status => Assert.True(resolve.TryGetProperty(status, out _), $"the resolver does not declare {status}"));
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

/// <summary>The service as an operator starts it: the built program, a command line, an exit code.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("--Database:Provider=mysql", "Database:Provider must be 'sqlite' or 'postgres'")]
    [InlineData("--Resolver:RequestsPerMinute=100000000", "Resolver:RequestsPerMinute must be between 1 and 1,000,000")]
    [InlineData("--Resolver:RequestsPerMinute=many", "Resolver:RequestsPerMinute")]
    [InlineData("--Auth:BootstrapAdminToken=short", "Auth:BootstrapAdminToken must be at least 16 characters")]
    [InlineData("--Database:Provider=postgres --ConnectionStrings:Trace=", "ConnectionStrings:Trace is required when Database:Provider is 'postgres'")]
    [InlineData("--Log:SigningKey=not-a-key", "Log:SigningKey is not an ECDSA P-256 private key in PEM")]
    [InlineData("--Log:CheckpointSeconds=3600", "Log:CheckpointSeconds must be between 0 and 60")]
    [InlineData("--Log:Origin=audit+log", "Log:Origin must be one word")]
    public async Task A_wrong_setting_stops_the_service_before_it_touches_the_database_naming_the_setting(string settings, string message)
    {
        var folder = Directory.CreateTempSubdirectory("trace-startup-");
        try
        {
            var database = Path.Combine(folder.FullName, "trace.db");
            var (exitCode, output) = await RunServiceAsync(folder.FullName, [$"--ConnectionStrings:Trace=Data Source={database}", "--Demo:Seed=true", .. settings.Split(' ')]);
            Assert.Equal(78, exitCode);
            Assert.Contains(message, output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.False(File.Exists(database), "the database was created before the settings were checked");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Started_away_from_its_settings_file_the_service_logs_no_line_per_request_or_sql_command()
    {
        var folder = Directory.CreateTempSubdirectory("trace-startup-");
        try
        {
            var start = Service(folder.FullName, [$"--ConnectionStrings:Trace=Data Source={Path.Combine(folder.FullName, "trace.db")}", "--Demo:Seed=true"]);
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = new System.Text.StringBuilder();
            var listening = new TaskCompletionSource<string>();
            process.OutputDataReceived += (_, line) =>
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }

                if (line.Data?.Contains("Now listening on: ", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult(line.Data[(line.Data.IndexOf("http", StringComparison.Ordinal))..].Trim());
                }
            };
            process.BeginOutputReadLine();
            try
            {
                var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
                using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
                var scan = await client.GetAsync("/01/08936099000121/10/MC2611A", TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.TemporaryRedirect, scan.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(scan.Headers.Location!.PathAndQuery, TestContext.Current.CancellationToken)).StatusCode);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            lock (output)
            {
                Assert.Contains("Demo data loaded", output.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("Executed DbCommand", output.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("Request starting", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static System.Diagnostics.ProcessStartInfo Service(string workingDirectory, string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NangSuat.Trace.Api.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var argument in arguments.Where(a => a.Length > 0))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        return start;
    }

    private static async Task<(int ExitCode, string Output)> RunServiceAsync(string workingDirectory, string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(Service(workingDirectory, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>PostgreSQL prepares the statements the scan path sends all day, as the database setup promises.</summary>
public sealed class PreparedStatementTests
{
    [Fact]
    public async Task The_postgresql_connection_prepares_the_statements_it_sees_often()
    {
        await using var app = await TraceApp.StartAsync(Lane.Postgres);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NangSuat.Trace.Api.Data.TraceDb>();
        var effective = new Npgsql.NpgsqlConnectionStringBuilder(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database));
        Assert.Equal(32, effective.MaxAutoPrepare);
    }
}
