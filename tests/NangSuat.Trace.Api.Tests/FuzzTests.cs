using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NangSuat.Trace.Api.Tests.Fuzzing;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>
/// A seeded fuzzer: malformed and valid-but-odd requests to every endpoint the app maps, over real
/// Kestrel. TRACE_FUZZ_SEED replays a run, TRACE_FUZZ_REQUESTS sets its length (tests/fuzz.sh runs
/// the long one), TRACE_FUZZ_REPLAY sends the one request a finding names.
/// </summary>
public abstract class FuzzTests(Lane lane)
{
    /// <summary>Requests per lane when TRACE_FUZZ_REQUESTS is not set: the CI run.</summary>
    public const int CiRequests = 3_000;

    [Fact]
    public async Task Fuzzed_requests_to_every_endpoint_get_no_5xx_and_no_stack_trace()
    {
        var settings = FuzzSettings.FromEnvironment(CiRequests);
        await using var app = await TraceApp.StartAsync(lane);
        var scene = await FuzzScene.BuildAsync(app);
        var log = new ServerLog();
        await using var limitless = app.WithResolverLimit(1_000_000);
        await using var host = limitless.WithWebHostBuilder(web => web.ConfigureLogging(logging =>
        {
            logging.ClearProviders().AddProvider(log);
            logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Debug);
        }));
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var server = new IPEndPoint(IPAddress.Loopback, address.Port);

        using var client = new HttpClient { BaseAddress = address };
        var openApi = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var endpoints = await EndpointCatalog.ReadAsync(host.Services, openApi);
        var fuzzer = new Fuzzer(new RequestGen(endpoints, scene, openApi), log, server, settings, endpoints) { Lane = lane.ToString() };
        await fuzzer.RunAsync();

        var report = fuzzer.Report(lane.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (settings.ReportDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, $"fuzz-{lane.ToString().ToLowerInvariant()}.txt"), report);
        }

        Assert.True(fuzzer.Findings.Count == 0, report);
        Assert.True(settings.Replay is not null || fuzzer.Unreached().Count == 0, report);
    }
}

public sealed class FuzzTestsOnSqlite() : FuzzTests(Lane.Sqlite);

public sealed class FuzzTestsOnPostgres() : FuzzTests(Lane.Postgres);
