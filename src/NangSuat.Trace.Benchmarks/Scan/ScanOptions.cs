namespace NangSuat.Trace.Benchmarks.Scan;

/// <summary>The scan benchmark's command line; every value has a default that measures what the issue asks.</summary>
public sealed record ScanOptions(
    int Lots, int Serials, string Postgres, string? Api, int Seconds, int WarmUpSeconds, int Threads, int Connections, int CpuRequests, string[] Providers, bool Keep)
{
    public const string Usage = """
        dotnet run -c Release --project src/NangSuat.Trace.Benchmarks -- scan [--lots 100000] [--serials 1000000]
            [--postgres "Host=…;Username=…;Password=…"] [--api path/to/NangSuat.Trace.Api.dll] [--seconds 10]
            [--provider sqlite|postgres] [--cpu-requests 2000] [--threads 2] [--connections 32] [--warm-up 3]
            [--keep]   leave the seeded database and the work folder for profiling, and say where
        """;

    public static ScanOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return new ScanOptions(
            Lots: Number("--lots", 100_000),
            Serials: Number("--serials", 1_000_000),
            Postgres: Value("--postgres") ?? Environment.GetEnvironmentVariable("TRACE_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Timeout=5",
            Api: Value("--api") is { } api ? Path.GetFullPath(api) : null,
            Seconds: Number("--seconds", 10),
            WarmUpSeconds: Number("--warm-up", 3),
            Threads: Number("--threads", 2),
            Connections: Number("--connections", 32),
            CpuRequests: Number("--cpu-requests", 2000),
            Providers: Value("--provider") is { } provider ? [provider] : ["sqlite", "postgres"],
            Keep: args.Contains("--keep"));
    }

    /// <summary>
    /// The service built beside this benchmark (same configuration): …/src/NangSuat.Trace.Benchmarks/bin/Release/net10.0/
    /// has …/src/NangSuat.Trace.Api/bin/Release/net10.0/ as its sibling, built by the project reference.
    /// </summary>
    public static string CurrentApi()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var src = here.Parent.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(src, "NangSuat.Trace.Api", "bin", configuration, framework, "NangSuat.Trace.Api.dll");
    }
}
