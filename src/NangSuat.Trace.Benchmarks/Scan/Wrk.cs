using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NangSuat.Trace.Benchmarks.Scan;

/// <summary>
/// One wrk run: completed requests, how long, what failed (an answer of 400 or more; a socket error
/// or a request unanswered after 10 s) and the latency wrk measured, from writing a request to its answer.
/// </summary>
public sealed record WrkResult(long Requests, double Seconds, long SocketErrors, long BadStatus, double P50Ms, double P99Ms, long NextPosition)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Drives wrk (HTTP/1.1 keep-alive, the load the issue measured with) through one Lua script: a
/// single path, or a file of paths each thread walks from an offset, so that no lot is asked twice
/// in one run; optionally paced to a total rate by <c>delay()</c>.
/// </summary>
public static partial class Wrk
{
    private const string Script = """
        -- Written by the scan benchmark (src/NangSuat.Trace.Benchmarks/Scan/Wrk.cs).
        -- args: paths file, first position, threads, rate per second in total (0: as fast as it goes).
        local threads = {}
        local count = 0

        function setup(thread)
          thread:set("index", count)
          count = count + 1
          table.insert(threads, thread)
        end

        function init(args)
          paths = {}
          for line in io.lines(args[1]) do paths[#paths + 1] = line end
          position = tonumber(args[2]) + index
          stride = tonumber(args[3])
          rate = tonumber(args[4])
          -- What a phone's browser sends after a camera scan.
          wrk.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
          wrk.headers["Accept-Language"] = "vi-VN,vi;q=0.9,en;q=0.8"
          wrk.headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"
        end

        function done(summary, latency, requests)
          local furthest = 0
          for _, thread in ipairs(threads) do
            local reached = thread:get("position")
            if reached and reached > furthest then furthest = reached end
          end
          local e = summary.errors
          io.write(string.format("SCANBENCH requests=%.0f duration_us=%.0f socket_errors=%.0f bad_status=%.0f p50_us=%.0f p99_us=%.0f next=%.0f\n",
            summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
            latency:percentile(50), latency:percentile(99), furthest))
        end

        """;

    // Only a list needs a request() per request; a single path keeps wrk's prebuilt request, as a plain `wrk URL` does.
    private const string Walk = """
        function request()
          local path = paths[position % #paths + 1]
          position = position + stride
          return wrk.format("GET", path)
        end

        """;

    // Each thread keeps a schedule of send times, one every threads/rate seconds, and each connection
    // ready to send takes the next slot; slots missed while every connection was busy are dropped,
    // so the achieved rate (printed) is below the asked one only when the server could not keep up.
    // wrk waits whole milliseconds, so requests leave up to half a millisecond off their slot.
    private const string Pace = """
        local ffi = require("ffi")
        ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } scan_timespec; int clock_gettime(int, scan_timespec *); ]]
        local clock = ffi.new("scan_timespec")
        local next_at = nil

        function delay()
          ffi.C.clock_gettime(1, clock)
          local now = tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
          if next_at == nil or next_at < now then next_at = now end
          local wait = next_at - now
          next_at = next_at + 1000000 * stride / rate
          return math.floor(wait / 1000 + 0.5)
        end

        """;

    /// <summary>wrk's version line, or null when it is not installed.</summary>
    public static string? Version()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return text.Split('\n')[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <param name="paths">A file of request paths, one a line; with one line every request asks that path.</param>
    /// <param name="rate">Requests per second in total to pace to, or 0 for as many as the server answers.</param>
    public static async Task<WrkResult> RunAsync(Uri baseUri, string paths, long offset, int threads, int connections, int seconds, double rate)
    {
        var lines = File.ReadLines(paths).Take(2).ToList();
        var script = Path.Combine(Path.GetDirectoryName(paths)!, $"scan-{(lines.Count > 1 ? "walk" : "one")}{(rate > 0 ? "-paced" : "")}.lua");
        await File.WriteAllTextAsync(script, Script + (lines.Count > 1 ? Walk : "") + (rate > 0 ? Pace : ""));
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", script, new Uri(baseUri, lines.Count > 1 ? "/" : lines[0]).ToString(),
            "--", paths, offset.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture), rate.ToString("0.###", CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await errors;
        var match = Summary().Match(text);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk printed no summary (exit {process.ExitCode}):{Environment.NewLine}{text}");
        }

        long Field(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new WrkResult(Field("requests"), Field("duration") / 1e6, Field("socket"), Field("status"), Field("p50") / 1e3, Field("p99") / 1e3, Field("next"));
    }

    [GeneratedRegex(@"SCANBENCH requests=(?<requests>\d+) duration_us=(?<duration>\d+) socket_errors=(?<socket>\d+) bad_status=(?<status>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+) next=(?<next>\d+)")]
    private static partial Regex Summary();
}
