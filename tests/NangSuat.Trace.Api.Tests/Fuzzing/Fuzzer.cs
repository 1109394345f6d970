using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

/// <summary>How a run is set from the environment, so a CI failure can be replayed exactly.</summary>
public sealed record FuzzSettings(string Seed, int Requests, double SlowSeconds, string? ReportDirectory, string? Replay, int ShrinkBudget, double? Minutes)
{
    public const string DefaultSeed = "nangsuat-trace-1";

    public static FuzzSettings FromEnvironment(int defaultRequests)
    {
        static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        return new FuzzSettings(
            Get("TRACE_FUZZ_SEED") ?? DefaultSeed,
            int.Parse(Get("TRACE_FUZZ_REQUESTS") ?? defaultRequests.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            double.Parse(Get("TRACE_FUZZ_SLOW_SECONDS") ?? "10", CultureInfo.InvariantCulture),
            Get("TRACE_FUZZ_REPORT_DIR"),
            Get("TRACE_FUZZ_REPLAY"),
            int.Parse(Get("TRACE_FUZZ_SHRINK") ?? "40", CultureInfo.InvariantCulture),
            Get("TRACE_FUZZ_MINUTES") is { } minutes ? double.Parse(minutes, CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The random source of request number <paramref name="index"/>: a pure function of the seed.</summary>
    public PCG SourceOf(int index)
    {
        var hash = 14695981039346656037UL; // FNV-1a: stable across runtimes, unlike string.GetHashCode
        foreach (var b in Encoding.UTF8.GetBytes(Seed))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return new PCG((uint)(hash >> 33) | 1, hash + (ulong)index * 0x9E3779B97F4A7C15UL);
    }
}

/// <summary>One distinct problem: an endpoint and a cause, with the first request that showed it, shrunk.</summary>
public sealed class Finding(string target, string cause, string requestSeed, FuzzRequest request, RawResponse response, IReadOnlyList<LoggedError> errors)
{
    public string Target { get; } = target;
    public string Cause { get; } = cause;
    public string RequestSeed { get; } = requestSeed;
    public FuzzRequest Request { get; set; } = request;
    public RawResponse Response { get; set; } = response;
    public IReadOnlyList<LoggedError> Errors { get; set; } = errors;
    public int Count { get; set; } = 1;
}

public sealed partial class Fuzzer(RequestGen gen, ServerLog log, IPEndPoint server, FuzzSettings settings, IReadOnlyList<ApiEndpoint> endpoints)
{
    public int Total { get; private set; }
    public SortedDictionary<int, int> ByStatus { get; } = [];
    public SortedDictionary<string, int> ByTarget { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Finding> Findings { get; } = [];
    public int ServerErrors { get; private set; }
    public TimeSpan Elapsed { get; private set; }
    public TimeSpan Slowest { get; private set; }
    public int ShrinkRequests { get; private set; }
    public TimeSpan Generating { get; private set; }
    public bool StoppedEarly { get; private set; }

    /// <summary>The lane's name, for the progress file of a long run.</summary>
    public string? Lane { get; init; }

    /// <summary>Requests aimed at one endpoint, at most, when the main run never got as far as its handler.</summary>
    public const int TopUpPerEndpoint = 150;

    public async Task RunAsync()
    {
        using var http = new RawHttp(server);
        var clock = Stopwatch.StartNew();
        if (settings.Replay is { } replay)
        {
            await SendAndCheckAsync(http, replay, Draw(replay));
        }
        else
        {
            for (var i = 0; i < settings.Requests; i++)
            {
                if (settings.Minutes is { } minutes && clock.Elapsed.TotalMinutes > minutes)
                {
                    StoppedEarly = true;
                    break;
                }

                var seed = settings.SourceOf(i).ToString();
                await SendAndCheckAsync(http, seed, Draw(seed));
            }

            // An endpoint whose handler the run never reached (each request met a wrong credential or a value that
            // does not bind) is aimed at alone, with the same generators, until its handler runs: every handler meets
            // the fuzzer's values, whatever the seed. "endpoint/seed" replays such a request.
            for (var e = 0; e < endpoints.Count && !StoppedEarly; e++)
            {
                for (var i = 0; i < TopUpPerEndpoint && !log.Executed.ContainsKey(endpoints[e].Name); i++)
                {
                    var seed = $"{e}/{settings.SourceOf(settings.Requests + e * TopUpPerEndpoint + i)}";
                    await SendAndCheckAsync(http, seed, Draw(seed));
                    TopUps++;
                }
            }
        }

        Elapsed = clock.Elapsed;
    }

    /// <summary>Requests sent to endpoints the main run never reached.</summary>
    public int TopUps { get; private set; }

    private FuzzRequest Draw(string seed)
    {
        var drawn = Stopwatch.GetTimestamp();
        var slash = seed.IndexOf('/');
        var request = slash < 0 ? gen.Any.Draw(PCG.Parse(seed))
            : gen.ForEndpoint(endpoints[int.Parse(seed[..slash], CultureInfo.InvariantCulture)]).Draw(PCG.Parse(seed[(slash + 1)..]));
        Generating += Stopwatch.GetElapsedTime(drawn);
        return request;
    }

    private async Task SendAndCheckAsync(RawHttp http, string seed, FuzzRequest request)
    {
        var (response, errors) = await SendAsync(http, request);
        Total++;
        if (Total % 5_000 == 0 && settings.ReportDirectory is { } directory && Lane is { } lane)
        {
            // A long run says how far it has got, for whoever is waiting on it.
            await File.AppendAllTextAsync(System.IO.Path.Combine(directory, $"fuzz-{lane.ToLowerInvariant()}.progress"),
                $"{DateTime.Now:HH:mm:ss} {Total} requests, {ServerErrors} 5xx, {Findings.Count} findings\n");
        }

        ByStatus[response.Status] = ByStatus.GetValueOrDefault(response.Status) + 1;
        ByTarget[request.Target] = ByTarget.GetValueOrDefault(request.Target) + 1;
        ServerErrors += response.Status >= 500 ? 1 : 0;
        Slowest = response.Elapsed > Slowest ? response.Elapsed : Slowest;
        foreach (var cause in Check(request, response, errors))
        {
            var key = request.Target + " | " + cause;
            if (Findings.TryGetValue(key, out var known))
            {
                known.Count++;
                continue;
            }

            var finding = Findings[key] = new Finding(request.Target, cause, seed, request, response, errors);
            if (response.TransportError is null)
            {
                await ShrinkAsync(http, finding);
            }
        }
    }

    private async Task<(RawResponse Response, List<LoggedError> Errors)> SendAsync(RawHttp http, FuzzRequest request)
    {
        log.TakeErrors();
        var response = await http.SendAsync(request.ToBytes(), request.IsHead, TimeSpan.FromSeconds(Math.Max(30, settings.SlowSeconds * 3)));
        return (response, log.TakeErrors());
    }

    [GeneratedRegex(@"(?m)^\s+at [\w.`<>\[\]|]+\(|\b\w+Exception\b|\bSystem\.[A-Z]\w+\.|\bMicrosoft\.[A-Z]\w+\.|\bNpgsql|\bSQLite|\bSqlite[A-Z]")]
    private static partial Regex Leak();

    /// <summary>What is wrong with an answer, as causes that name the problem without the request's own values.</summary>
    private IEnumerable<string> Check(FuzzRequest request, RawResponse response, List<LoggedError> errors)
    {
        if (response.TransportError is { } transport)
        {
            yield return "no answer: " + (transport.StartsWith("no complete", StringComparison.Ordinal) ? "timed out" : transport.Split(':')[0]);
            yield break;
        }

        if (response.Status >= 500)
        {
            yield return $"{response.Status}: " + (Describe(errors) ?? (response.Body.Length == 0 ? "empty body, nothing logged" : "nothing logged"));
        }

        var type = response.Header("Content-Type") ?? "";
        var text = type.Length == 0 || Regex.IsMatch(type, "json|text|html|xml|csv|zpl", RegexOptions.IgnoreCase);
        if (text && response.Body.Length > 0 && Leak().Match(response.BodyText) is { Success: true } leak)
        {
            yield return $"stack trace or exception name in the body ('{leak.Value.Trim()}')";
        }

        // Kestrel's own 400s for requests it cannot parse carry no body and close the connection; the app never saw them.
        var rejectedByKestrel = response.Body.Length == 0 && type.Length == 0 && response.Header("Connection") == "close";
        if (response.Status >= 400 && !request.IsHead && !rejectedByKestrel && request.RawPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase)
            && (response.Body.Length > 0 || AcceptsJson(request.Header("Accept"))))
        {
            yield return $"{response.Status} from /api/ as '{(type.Length == 0 ? "no content type" : type)}'{(response.Body.Length == 0 ? " with no body" : "")}, not application/problem+json";
        }

        if (response.Elapsed.TotalSeconds > settings.SlowSeconds)
        {
            yield return $"slow: more than {settings.SlowSeconds:0} s";
        }
    }

    private static bool AcceptsJson(string? accept) => accept is null || accept.Length == 0
        || accept.Split(',').Any(a => a.Trim().Split(';')[0].Trim() is "*/*" or "application/*" or "application/json" or "application/problem+json");

    /// <summary>The exception the server logged: types outer to inner, and the top frame in our code.</summary>
    public static string? Describe(IEnumerable<LoggedError> errors)
    {
        var exception = errors.Select(e => e.Exception).FirstOrDefault(e => e is not null);
        if (exception is null)
        {
            return null;
        }

        var types = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            types.Add(e.GetType().Name);
        }

        return $"{string.Join(" → ", types)} at {TopFrame(exception)}";
    }

    public static string TopFrame(Exception exception)
    {
        string? first = null;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            foreach (var line in (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()))
            {
                first ??= line;
                if (line.StartsWith("at NangSuat.", StringComparison.Ordinal))
                {
                    return ShortFrame(line);
                }
            }
        }

        return first is null ? "(no stack)" : ShortFrame(first);
    }

    private static string ShortFrame(string line)
    {
        var at = line.StartsWith("at ", StringComparison.Ordinal) ? line[3..] : line;
        var source = at.IndexOf(" in ", StringComparison.Ordinal);
        return source < 0 ? at : at[..source] + " (" + System.IO.Path.GetFileName(at[(source + 4)..]) + ")";
    }

    /// <summary>Drops headers, query pairs, body fields and long strings while the same problem still shows.</summary>
    private async Task ShrinkAsync(RawHttp http, Finding finding)
    {
        var budget = settings.ShrinkBudget;
        var progress = true;
        while (progress && budget > 0)
        {
            progress = false;
            foreach (var candidate in Smaller(finding.Request))
            {
                if (budget-- <= 0)
                {
                    break;
                }

                var (response, errors) = await SendAsync(http, candidate);
                ShrinkRequests++;
                if (Check(candidate, response, errors).Any(cause => cause == finding.Cause))
                {
                    (finding.Request, finding.Response, finding.Errors) = (candidate, response, errors);
                    progress = true;
                    break;
                }
            }
        }
    }

    private static IEnumerable<FuzzRequest> Smaller(FuzzRequest request)
    {
        if (request.Body is not null)
        {
            yield return request with { Body = null, Json = null, Chunked = false, Headers = [.. request.Headers.Where(h => h.Key != "Content-Type")] };
        }

        if (request.Chunked)
        {
            yield return request with { Chunked = false };
        }

        foreach (var tail in new[] { "/", "/." })
        {
            if (request.RawPath.Length > tail.Length && request.RawPath.EndsWith(tail, StringComparison.Ordinal))
            {
                yield return request with { RawPath = request.RawPath[..^tail.Length] };
            }
        }

        if (request.RawPath.Contains("//", StringComparison.Ordinal))
        {
            yield return request with { RawPath = request.RawPath.Replace("//", "/", StringComparison.Ordinal) };
        }

        for (var i = 0; i < request.Headers.Count; i++)
        {
            yield return request with { Headers = [.. request.Headers.Where((_, j) => j != i)] };
        }

        if (request.Query is { Count: > 0 } query)
        {
            yield return request with { Query = null };
            for (var i = 0; i < query.Count; i++)
            {
                yield return request with { Query = [.. query.Where((_, j) => j != i)] };
            }
        }

        if (request.Json is { } json && request.Body is { } body && body.AsSpan().SequenceEqual(json.ToBytes()))
        {
            var paths = J.Paths(json);
            foreach (var path in paths.Where(p => p.Length > 0))
            {
                var removed = J.Replace(json, path, 0, _ => null);
                yield return request with { Json = removed, Body = removed.ToBytes() };
            }

            foreach (var path in paths)
            {
                var shorter = J.Replace(json, path, 0, node => node is JString { Value.Length: > 8 } s ? new JString(s.Value[..(s.Value.Length / 2)]) : null);
                if (!shorter.Equals(json) && shorter.ToBytes().Length < body.Length)
                {
                    yield return request with { Json = shorter, Body = shorter.ToBytes() };
                }
            }
        }
    }

    public IReadOnlyList<string> Unreached() =>
        [.. endpoints.Select(e => e.Name).Where(name => !log.Executed.ContainsKey(name))];

    public string Report(string lane)
    {
        var origin = $"http://{server}";
        var stopped = StoppedEarly ? $"; stopped by TRACE_FUZZ_MINUTES={settings.Minutes} before the {settings.Requests} asked for" : "";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Fuzz run on {lane}: seed '{settings.Seed}' (TRACE_FUZZ_SEED), {Total} requests in {Elapsed.TotalSeconds:0.0} s "
            + $"({Total / Math.Max(Elapsed.TotalSeconds, 0.001):0} per second; {Generating.TotalSeconds:0.0} s of it generating), slowest answer {Slowest.TotalMilliseconds:0} ms, "
            + $"and {ShrinkRequests} more requests to shrink findings, {TopUps} aimed at endpoints the run had not reached{stopped}");
        text.AppendLine("Status codes: " + string.Join(", ", ByStatus.Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)}: {s.Value}")));
        text.AppendLine(CultureInfo.InvariantCulture, $"5xx answers: {ServerErrors}");
        text.AppendLine("Per endpoint: requests aimed at it / requests its handler ran for:");
        foreach (var endpoint in endpoints)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {ByTarget.GetValueOrDefault(endpoint.Name),7} / {log.Executed.GetValueOrDefault(endpoint.Name),7}  {endpoint.Name}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  {ByTarget.GetValueOrDefault(RequestGen.NoRoute),7} / {"-",7}  {RequestGen.NoRoute}");
        if (settings.Replay is null && Unreached() is { Count: > 0 } unreached)
        {
            text.AppendLine("Endpoints whose handler never ran: " + string.Join("; ", unreached));
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Findings: {Findings.Count} distinct (endpoint + cause)");
        var number = 0;
        foreach (var group in Findings.Values.GroupBy(f => f.Cause).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"== {group.Key} ({group.Sum(f => f.Count)} requests, {group.Count()} endpoints)");
            var first = true;
            foreach (var finding in group.OrderBy(f => f.Request.ToBytes().Length))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"[{++number}] {finding.Target}: {finding.Count} requests; first at TRACE_FUZZ_REPLAY={finding.RequestSeed}");
                text.AppendLine(CultureInfo.InvariantCulture, $"    answer: {(finding.Response.Status == 0 ? finding.Response.TransportError : finding.Response.Status.ToString(CultureInfo.InvariantCulture))} "
                    + $"{finding.Response.Header("Content-Type")} {FuzzRequest.Escape(finding.Response.Body, 200)}");
                text.AppendLine("    minimal request:");
                foreach (var line in finding.Request.ToString().TrimEnd('\n').Split('\n'))
                {
                    text.AppendLine("      " + line);
                }

                text.AppendLine("    " + finding.Request.ToCurl(origin));
                if (finding.Errors.FirstOrDefault(e => e.Exception is not null)?.Exception is { } exception)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"    server: {Describe(finding.Errors)}");
                    for (var e = exception; e is not null; e = e.InnerException)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"      {e.GetType().FullName}: {FuzzRequest.Escape(Encoding.UTF8.GetBytes(e.Message.Split('\n')[0]), 300)}");
                    }

                    // The whole trace once per cause; the other endpoints with the same cause share it.
                    if (first)
                    {
                        foreach (var line in exception.ToString().Split('\n').Where(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).Take(25))
                        {
                            text.AppendLine("      | " + line.Trim());
                        }
                    }
                }

                first = false;
            }
        }

        return text.ToString();
    }
}
