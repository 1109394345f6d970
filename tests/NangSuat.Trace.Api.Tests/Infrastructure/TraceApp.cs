using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>
/// The service under test with a fresh, empty database on the chosen lane. Only configuration is
/// changed; every service is the production one.
/// </summary>
public sealed class TraceApp : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token-4f1d2c9a7b";
    public const string DefaultBaseUrl = "https://truyxuat.sonla.example";

    private readonly Lane _lane;
    private readonly string _connectionString;
    private readonly string? _baseUrl;
    private readonly string? _sqliteFile;
    private readonly bool _migrateOnStart;
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Uri?> _outbound = new();

    /// <summary>Load the README's demo data set at start.</summary>
    public bool SeedDemo { get; init; }

    /// <summary>One signing key for every app of a test run, given inline as production would; a file only where a test says so.</summary>
    private static readonly Lazy<string> LogKey = new(() =>
    {
        using var key = NangSuat.Trace.Log.CheckpointKey.Generate("nangsuat-trace/audit");
        return key.ExportPrivateKeyPem();
    });

    /// <summary>Keeps the log's signing key in this file, generated on first start, as the embedded default does.</summary>
    public string? LogKeyFile { get; init; }

    /// <summary>Overrides the resolver's per-address limit, for tests of what happens past it.</summary>
    public int? ResolverRequestsPerMinute { get; init; }

    private TraceApp(Lane lane, string connectionString, string? baseUrl, string? sqliteFile, bool migrateOnStart)
    {
        (_lane, _connectionString, _baseUrl, _sqliteFile, _migrateOnStart) = (lane, connectionString, baseUrl, sqliteFile, migrateOnStart);
    }

    public Lane Lane => _lane;

    public string ConnectionString => _connectionString;

    /// <summary>Starts the app; <paramref name="baseUrl"/> null means links use the request's own address.</summary>
    public static async Task<TraceApp> StartAsync(Lane lane, string? baseUrl = DefaultBaseUrl, bool migrateOnStart = true)
    {
        if (lane == Lane.Postgres)
        {
            return new TraceApp(lane, await Postgres.CreateDatabaseAsync(), baseUrl, null, migrateOnStart);
        }

        var file = Path.Combine(Path.GetTempPath(), $"trace-test-{Guid.NewGuid():N}.db");
        return new TraceApp(lane, $"Data Source={file};Pooling=False", baseUrl, file, migrateOnStart);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new TestOutputLoggerProvider(_output)));
        builder.ConfigureServices(services => services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => new NoOutboundHttp(_outbound))));
        builder.UseSetting("Database:Provider", _lane == Lane.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:Trace", _connectionString);
        builder.UseSetting("Auth:BootstrapAdminToken", AdminToken);
        builder.UseSetting("Resolver:BaseUrl", _baseUrl ?? "");
        builder.UseSetting("Database:MigrateOnStart", _migrateOnStart.ToString());
        builder.UseSetting("Demo:Seed", SeedDemo.ToString());
        builder.UseSetting("Log:CheckpointSeconds", "0");
        if (LogKeyFile is null)
        {
            builder.UseSetting("Log:SigningKey", LogKey.Value);
        }
        else
        {
            builder.UseSetting("Log:SigningKeyFile", LogKeyFile);
        }
        if (ResolverRequestsPerMinute is { } limit)
        {
            builder.UseSetting("Resolver:RequestsPerMinute", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Set once <see cref="StartKestrel"/> runs the app on a real loopback port.</summary>
    public Uri? ServerAddress { get; private set; }

    /// <summary>A second app on the same fresh database that loads the demo data set at start.</summary>
    public TraceApp WithSeededDemo() => new(_lane, _connectionString, _baseUrl, null, _migrateOnStart) { SeedDemo = true };

    /// <summary>The service started again on the same database, as after a stop or a crash.</summary>
    public TraceApp Restarted() => new(_lane, _connectionString, _baseUrl, null, _migrateOnStart) { LogKeyFile = LogKeyFile };

    /// <summary>The same app keeping its log key in a file, as a first start of the embedded default does.</summary>
    public TraceApp WithLogKeyFile(string path) => new(_lane, _connectionString, _baseUrl, null, _migrateOnStart) { LogKeyFile = path };

    /// <summary>A second app on the same fresh database with a low resolver limit.</summary>
    public TraceApp WithResolverLimit(int perMinute) => new(_lane, _connectionString, _baseUrl, null, _migrateOnStart) { ResolverRequestsPerMinute = perMinute };

    /// <summary>Serves over real HTTP on a free loopback port, for a browser to reach.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return ServerAddress = new Uri(addresses.Addresses.First());
    }

    public HttpClient Anonymous(string? language = null)
    {
        // Over Kestrel, a plain client: the factory's own would follow redirects to the configured public host.
        var client = ServerAddress is { } server
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server }
            : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    public HttpClient WithToken(string token, string? language = "en")
    {
        var client = Anonymous(language);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Admin() => WithToken(AdminToken);

    /// <summary>Registers an organization through the API and returns a client holding a token of the given role.</summary>
    public async Task<Member> NewMemberAsync(string role = "producer", string? companyPrefix = null, string name = "HTX Chè Mộc Châu")
    {
        var created = await Admin().PostAsJsonAsync("/api/v1/organizations", new
        {
            name,
            taxCode = TestData.TaxCode(),
            kind = role == "producer" ? "cooperative" : "enterprise",
            gs1CompanyPrefix = companyPrefix,
            address = new { street = "Tiểu khu 19/5", commune = "Phường Mộc Châu", province = "Sơn La" },
        });
        await Http.EnsureStatus(created, 201);
        var organizationId = (await created.Content.ReadFromJsonAsync<IdBody>())!.Id;
        var token = await Admin().PostAsJsonAsync($"/api/v1/organizations/{organizationId}/tokens", new { role });
        await Http.EnsureStatus(token, 201);
        var issued = (await token.Content.ReadFromJsonAsync<TokenBody>())!;
        return new Member(organizationId, WithToken(issued.Token), issued.Token, issued.Id);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_lane == Lane.Postgres)
        {
            await Postgres.DropDatabaseAsync(_connectionString);
        }
        else if (_sqliteFile is not null)
        {
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        Assert.True(_outbound.IsEmpty, $"The service under test made outbound HTTP requests: {string.Join(", ", _outbound)}");
    }

    private sealed record IdBody(Guid Id);

    private sealed record TokenBody(Guid Id, string Token);
}

public sealed record Member(Guid OrganizationId, HttpClient Client, string Token, Guid TokenId);

public static class TestData
{
    private static readonly int[] TaxWeights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    /// <summary>A random tax code whose tenth digit checks out.</summary>
    public static string TaxCode()
    {
        while (true)
        {
            var digits = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + Random.Shared.Next(10))));
            var check = 10 - digits.Select((c, i) => (c - '0') * TaxWeights[i]).Sum() % 11;
            if (check < 10)
            {
                return digits + check;
            }
        }
    }

    /// <summary>A random valid GTIN-13 under the given prefix, as a producer would allocate it.</summary>
    public static string Gtin13(string prefix = "893")
    {
        var body = prefix + string.Concat(Enumerable.Range(0, 12 - prefix.Length).Select(_ => (char)('0' + Random.Shared.Next(10))));
        return CheckDigit.Append(body);
    }
}
