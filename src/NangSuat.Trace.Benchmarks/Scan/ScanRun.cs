using System.Diagnostics;
using System.Net;

namespace NangSuat.Trace.Benchmarks.Scan;

/// <param name="ServiceUsAtMax">The service's CPU over the full-load run divided by its requests.</param>
public sealed record LoadFigure(string Name, WrkResult Max, double ServiceUsAtMax, WrkResult Half, long AskedAgain);

public sealed record CpuFigure(string Name, int Requests, double ServiceUs, double? DatabaseUs, double WallMs, int Unexpected);

public sealed record ScanFigures(string Check, int PageBytes, List<LoadFigure> Loads, List<CpuFigure> Cpu, double IdleServiceUsPerSecond, TimeSpan WaitedForRateLimit);

/// <summary>
/// Measures one provider: the anchor and the scan loads at full speed, then each at half its own
/// maximum for latency, then server CPU per request one request at a time.
/// </summary>
public sealed class ScanRun(ScanOptions options, ScanPlan plan, PostgresBackends? database)
{
    private const long RateBudget = 900_000;
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(61);
    private readonly List<(DateTime End, long Requests)> _recent = [];
    private double _fastest = 60_000;
    private TimeSpan _waited;

    public async Task<ScanFigures> MeasureAsync(string current, string underTest, string provider, string connectionString)
    {
        var loads = new List<LoadFigure>();
        var cpu = new List<CpuFigure>();
        var scanLoads = new[] { plan.Hot307, plan.HotPage, plan.Random307, plan.RandomPage };
        var scanCpu = new[] { plan.Fresh307, plan.FreshPage, plan.Hot307, plan.HotPage };
        await using (var anchor = await TraceService.StartAsync(current, provider, connectionString, plan.WebRoot))
        {
            // The anchor is the current build's lot page for the hot lot, served as a file by the same Kestrel.
            using var client = Client();
            var page = await client.GetByteArrayAsync(new Uri(anchor.BaseUri, plan.Hot.PagePath));
            await File.WriteAllBytesAsync(Path.Combine(plan.WebRoot, Path.GetFileName(ScanPlan.AnchorPath)), page);
            if (underTest == current)
            {
                var check = await CheckAsync(anchor);
                await MeasureAsync(anchor, [plan.Anchor, .. scanLoads], [.. scanCpu, plan.Anchor], loads, cpu);
                return new ScanFigures(check, page.Length, loads, cpu, await IdleAsync(anchor), _waited);
            }

            await MeasureAsync(anchor, [plan.Anchor], [plan.Anchor], loads, cpu);
        }

        await using var service = await TraceService.StartAsync(underTest, provider, connectionString, plan.WebRoot);
        var checkOther = await CheckAsync(service);
        using var pageClient = Client();
        var otherPage = await pageClient.GetByteArrayAsync(new Uri(service.BaseUri, plan.Hot.PagePath));
        await MeasureAsync(service, scanLoads, scanCpu, loads, cpu);
        cpu.Add(cpu[0]); // the anchor's line last, as when one service serves both
        cpu.RemoveAt(0);
        return new ScanFigures(checkOther, otherPage.Length, loads, cpu, await IdleAsync(service), _waited);
    }

    private async Task MeasureAsync(TraceService service, Load[] loads, Load[] cpuLoads, List<LoadFigure> loadFigures, List<CpuFigure> cpuFigures)
    {
        // A fresh process runs tier-0 code for seconds under load; every path gets a first warm-up before any figure.
        foreach (var load in loads)
        {
            await RunAsync(service, load, options.WarmUpSeconds, 0, _fastest * options.WarmUpSeconds);
        }

        var maxima = new List<(Load Load, WrkResult Max, double ServiceUs)>();
        foreach (var load in loads)
        {
            var warmUp = await RunAsync(service, load, options.WarmUpSeconds, 0, _fastest * options.WarmUpSeconds);
            var before = service.Cpu();
            var max = await RunAsync(service, load, options.Seconds, 0, warmUp.PerSecond * 1.5 * options.Seconds);
            maxima.Add((load, max, (service.Cpu() - before).TotalMicroseconds / Math.Max(1, max.Requests)));
        }

        foreach (var (load, max, serviceUs) in maxima)
        {
            var half = await RunAsync(service, load, options.Seconds, max.PerSecond / 2, max.PerSecond / 2 * options.Seconds);
            loadFigures.Add(new LoadFigure(load.Name, max, serviceUs, half, load.Walks ? Math.Max(0, load.Cursor - load.Paths.Count) : 0));
        }

        foreach (var load in cpuLoads)
        {
            cpuFigures.Add(await CpuAsync(service, load));
        }
    }

    private async Task<WrkResult> RunAsync(TraceService service, Load load, int seconds, double rate, double expected)
    {
        await WithinRateLimitAsync(load, (long)expected);
        var result = await Wrk.RunAsync(service.BaseUri, load.File, load.Cursor, options.Threads, options.Connections, seconds, rate);
        if (load.Walks)
        {
            load.Cursor = result.NextPosition;
        }

        Counted(load, result.Requests);
        _fastest = Math.Max(_fastest, result.PerSecond);
        return result;
    }

    /// <summary>
    /// The public routes allow 1,000,000 requests a minute per client address (the most the setting
    /// takes), and a cached answer can go faster than that; past it the service answers 429 and the
    /// figure would be the rate limiter's. A fixed minute window never holds more than any 60 s
    /// span does, so before each run the requests of the runs that ended in the last minute, plus the
    /// run's expected requests, are kept under 900,000, waiting for old runs to age out if need be.
    /// The static file is served before the rate limiter and does not count.
    /// </summary>
    private async Task WithinRateLimitAsync(Load load, long expected)
    {
        if (load == plan.Anchor)
        {
            return;
        }

        while (true)
        {
            var now = DateTime.UtcNow;
            _recent.RemoveAll(r => now - r.End > RateWindow);
            if (_recent.Count == 0 || _recent.Sum(r => r.Requests) + expected <= RateBudget)
            {
                return;
            }

            var wait = _recent.Min(r => r.End) + RateWindow - now;
            _waited += wait;
            await Task.Delay(wait);
        }
    }

    private void Counted(Load load, long requests)
    {
        if (load != plan.Anchor)
        {
            _recent.Add((DateTime.UtcNow, requests));
        }
    }

    /// <summary>
    /// Server CPU per request: the service's utime + stime (and its PostgreSQL backends') before and
    /// after the load's requests, sent one at a time on one connection.
    /// </summary>
    private async Task<CpuFigure> CpuAsync(TraceService service, Load load)
    {
        using var client = Client();
        var fresh = load.Paths.Count > 1;
        // Opens the connection and settles the code path; a never-asked set warms on lots of the random pool instead.
        var warmUp = fresh ? (load == plan.Fresh307 ? plan.Random307 : plan.RandomPage).Take(50).ToList() : Enumerable.Repeat(load.Paths[0], 50).ToList();
        var paths = fresh ? load.Paths : Enumerable.Repeat(load.Paths[0], options.CpuRequests).ToList();
        await WithinRateLimitAsync(load, warmUp.Count + paths.Count);
        foreach (var path in warmUp)
        {
            using var response = await client.GetAsync(new Uri(service.BaseUri, path));
        }

        if (database is not null)
        {
            await database.StartAsync();
        }

        var unexpected = 0;
        var before = service.Cpu();
        var clock = Stopwatch.StartNew();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(service.BaseUri, path));
            await response.Content.ReadAsByteArrayAsync();
            unexpected += response.StatusCode == (path.StartsWith("/01/", StringComparison.Ordinal) ? HttpStatusCode.TemporaryRedirect : HttpStatusCode.OK) ? 0 : 1;
        }

        clock.Stop();
        var serviceCpu = service.Cpu() - before;
        Counted(load, warmUp.Count + paths.Count);
        var databaseCpu = database?.Since();
        return new CpuFigure(load.Name, paths.Count, serviceCpu.TotalMicroseconds / paths.Count, databaseCpu?.TotalMicroseconds / paths.Count,
            clock.Elapsed.TotalMilliseconds / paths.Count, unexpected);
    }

    /// <summary>What the service burns with nothing to do (timers, the GC), to read the CPU figures against.</summary>
    private static async Task<double> IdleAsync(TraceService service)
    {
        var before = service.Cpu();
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (service.Cpu() - before).TotalMicroseconds / 3;
    }

    /// <summary>One scan of the hot lot, as a phone makes it: what it answered, to print above the figures.</summary>
    private async Task<string> CheckAsync(TraceService service)
    {
        using var client = Client();
        using var redirect = await client.GetAsync(new Uri(service.BaseUri, plan.Hot.ResolverPath));
        using var page = await client.GetAsync(new Uri(service.BaseUri, plan.Hot.PagePath));
        var body = await page.Content.ReadAsByteArrayAsync();
        return $"GET {plan.Hot.ResolverPath} → {(int)redirect.StatusCode} {redirect.Headers.Location}; GET {plan.Hot.PagePath} → {(int)page.StatusCode}, {body.Length:N0} bytes";
    }

    private static HttpClient Client()
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 1 });
        // The headers wrk sends (Wrk.cs), so both meet the same cached answers.
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "vi-VN,vi;q=0.9,en;q=0.8");
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36");
        return client;
    }
}
