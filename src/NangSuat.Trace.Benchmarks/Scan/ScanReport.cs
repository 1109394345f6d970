using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NangSuat.Trace.Benchmarks.Scan;

/// <summary>The printed tables: the figures beside the anchor and the issue's targets, marked pass or MISS.</summary>
public static class ScanReport
{
    private const double FloorRatio = 0.5;
    private const double AimRatio = 0.6;
    private const double P99TargetMs = 10;
    private const double CpuTargetUs = 2000;

    public static async Task<string> MachineAsync(string postgres, string wrk)
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"')
            : null;
        string postgresVersion;
        try
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            postgresVersion = "PostgreSQL " + await new NpgsqlCommand("SHOW server_version", connection).ExecuteScalarAsync();
        }
        catch (NpgsqlException e)
        {
            postgresVersion = $"PostgreSQL not reachable ({e.Message})";
        }

        await using var sqlite = new SqliteConnection("Data Source=:memory:");
        await sqlite.OpenAsync();
        await using var sqliteVersion = sqlite.CreateCommand();
        sqliteVersion.CommandText = "SELECT sqlite_version()";
        return $"machine: {Environment.ProcessorCount} logical cores, {model}, {long.Parse(memory, CultureInfo.InvariantCulture) / (1024.0 * 1024):N0} GiB, {os ?? RuntimeInformation.OSDescription}\n"
            + $"software: {RuntimeInformation.FrameworkDescription}, {postgresVersion}, SQLite {await sqliteVersion.ExecuteScalarAsync()}, {wrk}\n"
            + $"load average at start: {LoadAverage()}";
    }

    /// <summary>
    /// How busy the machine is with nothing of this benchmark running: the share of all cores not
    /// idle over three seconds (/proc/stat). The load average lags and counts this benchmark's own
    /// threads for minutes after a run; this does not.
    /// </summary>
    public static async Task<double> BusyAsync()
    {
        static (long Total, long Idle) Read()
        {
            var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            return (ticks.Take(8).Sum(), ticks[3] + ticks[4]);
        }

        var before = Read();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = Read();
        return 1 - (double)(after.Idle - before.Idle) / Math.Max(1, after.Total - before.Total);
    }

    /// <summary>The 1, 5 and 15 minute load averages, as uptime shows them.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static void Print(string name, ScanOptions options, ScanFigures figures, string loadBefore, double busyBefore, string loadAfter, double busyAfter)
    {
        var anchor = figures.Loads[0];
        Console.WriteLine();
        Console.WriteLine($"== Scan path on {name}: {options.Lots:N0} lots, {options.Serials:N0} serials; wrk -t{options.Threads} -c{options.Connections}, "
            + $"{options.Seconds} s runs after {options.WarmUpSeconds} s warm-ups ==");
        Console.WriteLine($"check: {figures.Check}");
        Console.WriteLine($"rate limit: 1,000,000 a minute per client address; runs paused {figures.WaitedForRateLimit.TotalSeconds:N0} s in all to stay under it");
        Console.WriteLine($"anchor: the same Kestrel serving the current build's page for that lot as {ScanPlan.AnchorPath}");
        Console.WriteLine($"other work on the machine: {busyBefore:P0} of {Environment.ProcessorCount} cores busy over 3 s before the run, {busyAfter:P0} after; "
            + $"load average (1, 5, 15 min) {loadBefore} before, {loadAfter} after (the run's own threads count in it)");
        Console.WriteLine();
        Console.WriteLine($"{"full load",-46} {"req/s",9} {"× anchor",9} {"service µs",11}   target ≥ {FloorRatio:0.0}× (aim {AimRatio:0.0}×)");
        foreach (var load in figures.Loads)
        {
            var ratio = load.Max.PerSecond / anchor.Max.PerSecond;
            var mark = load == anchor ? "" : ratio >= AimRatio ? "pass, aim met" : ratio >= FloorRatio ? "pass" : "MISS";
            Console.WriteLine($"{load.Name,-46} {load.Max.PerSecond,9:N0} {ratio,9:N2} {load.ServiceUsAtMax,11:N0}   {mark}{Failures(load.Max)}"
                + (load.AskedAgain > 0 ? $" ({load.AskedAgain:N0} lots asked again)" : ""));
        }

        Console.WriteLine();
        Console.WriteLine($"{"at half of each maximum",-46} {"asked/s",9} {"got/s",9} {"p50 ms",8} {"p99 ms",8}   target p99 ≤ {P99TargetMs:N0} ms");
        foreach (var load in figures.Loads)
        {
            var mark = load.Half.P99Ms <= P99TargetMs ? "pass" : "MISS";
            Console.WriteLine($"{load.Name,-46} {load.Max.PerSecond / 2,9:N0} {load.Half.PerSecond,9:N0} {load.Half.P50Ms,8:N2} {load.Half.P99Ms,8:N2}   {mark}{Failures(load.Half)}");
        }

        Console.WriteLine();
        var database = figures.Cpu.Any(c => c.DatabaseUs is not null) ? "PostgreSQL µs" : "database";
        Console.WriteLine($"{"server CPU per request, one at a time",-46} {"service µs",11} {database,14} {"wall ms",8}   target ≤ {CpuTargetUs:N0} µs (first scan)");
        foreach (var cpu in figures.Cpu)
        {
            var fresh = cpu.Name.Contains("never-asked", StringComparison.Ordinal);
            Console.WriteLine($"{cpu.Name,-46} {cpu.ServiceUs,11:N0} {Database(cpu.DatabaseUs),14} {cpu.WallMs,8:N2}   {(fresh ? Mark(cpu.ServiceUs) : "")}"
                + (cpu.Unexpected > 0 ? $" ({cpu.Unexpected:N0} unexpected statuses)" : ""));
            if (cpu.Name.StartsWith("lot page", StringComparison.Ordinal) && fresh && figures.Cpu.FirstOrDefault(c => c.Name.StartsWith("307", StringComparison.Ordinal)) is { } hop)
            {
                var sum = hop.ServiceUs + cpu.ServiceUs;
                Console.WriteLine($"{"first scan: the 307 and its lot page",-46} {sum,11:N0} {Database(hop.DatabaseUs + cpu.DatabaseUs),14} {hop.WallMs + cpu.WallMs,8:N2}   {Mark(sum)}");
            }
        }

        Console.WriteLine($"(the service idle uses {figures.IdleServiceUsPerSecond:N0} µs of CPU a second; CPU is read in 10 ms ticks from /proc/<pid>/stat)");
    }

    private static string Mark(double us) => us <= CpuTargetUs ? "pass" : "MISS";

    private static string Database(double? us) => us is { } value ? value.ToString("N0", CultureInfo.CurrentCulture) : "in process";

    private static string Failures(WrkResult result) =>
        result.SocketErrors + result.BadStatus > 0 ? $" ({result.BadStatus:N0} answered ≥ 400, {result.SocketErrors:N0} socket errors)" : "";
}
