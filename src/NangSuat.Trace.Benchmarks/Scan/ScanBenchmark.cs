using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NangSuat.Trace.Api.Data;
using Npgsql;

namespace NangSuat.Trace.Benchmarks.Scan;

/// <summary>
/// The scan path under load, side by side with the same Kestrel serving the lot page's bytes as a
/// static file: seeds a registry per provider, starts the built service as its own process, loads
/// it with wrk and reads its CPU from /proc. Prints one table per provider; asserts nothing.
/// </summary>
public static class ScanBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        if (args is ["--help" or "-h", ..])
        {
            Console.WriteLine(ScanOptions.Usage);
            return;
        }

        var options = ScanOptions.Parse(args);
        if (Wrk.Version() is not { } wrk)
        {
            Console.WriteLine("wrk is not installed. On Debian or Ubuntu: sudo apt-get install wrk");
            return;
        }

        var current = ScanOptions.CurrentApi();
        foreach (var dll in new[] { current, options.Api }.OfType<string>().Where(d => !File.Exists(d)))
        {
            Console.WriteLine($"No service at {dll}. Build it first: dotnet build -c Release src/NangSuat.Trace.Api");
            return;
        }

        Console.WriteLine("NangSuat.Trace scan path — prints figures, asserts nothing");
        Console.WriteLine(await ScanReport.MachineAsync(options.Postgres, wrk));
        Console.WriteLine($"service under test: {options.Api ?? current}");
        if (options.Api is not null)
        {
            Console.WriteLine($"anchor (static file) served by the current build: {current}");
        }

        foreach (var provider in options.Providers)
        {
            Console.WriteLine();
            if (provider == "sqlite")
            {
                var file = Path.Combine(Path.GetTempPath(), $"scan-bench-{Guid.NewGuid():N}.db");
                try
                {
                    await RunProviderAsync("SQLite (file)", "sqlite", $"Data Source={file}", null, options, current);
                }
                finally
                {
                    if (!options.Keep)
                    {
                        DeleteSqlite(file);
                    }
                }
            }
            else
            {
                await WithPostgresAsync(options.Postgres, options.Keep, database => RunProviderAsync(
                    "PostgreSQL", "postgres", new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database }.ConnectionString, database, options, current));
            }
        }
    }

    private static async Task RunProviderAsync(string name, string provider, string connectionString, string? postgresDatabase, ScanOptions options, string current)
    {
        var work = Directory.CreateTempSubdirectory("scan-bench-").FullName;
        try
        {
            Console.WriteLine($"{name}: seeding {options.Lots:N0} lots and {options.Serials:N0} serials …");
            var builder = new DbContextOptionsBuilder<TraceDb>().ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
            builder = provider == "postgres" ? builder.UseNpgsql(connectionString) : builder.UseSqlite(connectionString);
            List<LotKey> lots;
            await using (var db = new TraceDb(builder.Options))
            {
                lots = await ScanSeed.SeedAsync(db, options.Lots, options.Serials, CancellationToken.None);
            }

            NpgsqlConnection.ClearAllPools();
            var plan = ScanPlan.Create(lots, options.CpuRequests, work);
            var databaseCpu = postgresDatabase is null ? null : new PostgresBackends(options.Postgres, postgresDatabase);
            var run = new ScanRun(options, plan, databaseCpu);
            var loadBefore = ScanReport.LoadAverage();
            var busyBefore = await ScanReport.BusyAsync();
            var figures = await run.MeasureAsync(current, options.Api ?? current, provider, connectionString);
            var loadAfter = ScanReport.LoadAverage();
            ScanReport.Print(name, options, figures, loadBefore, busyBefore, loadAfter, await ScanReport.BusyAsync());
        }
        finally
        {
            if (options.Keep)
            {
                Console.WriteLine($"kept: {connectionString}; work folder {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>A SQLite database file with its write-ahead log and shared memory.</summary>
    internal static void DeleteSqlite(string file)
    {
        foreach (var part in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
        {
            File.Delete(part);
        }
    }

    /// <summary>A database of its own for the run, dropped afterwards (unless kept), as the serial benchmark does.</summary>
    internal static async Task WithPostgresAsync(string server, bool keep, Func<string, Task> run)
    {
        var database = "trace_scan_" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
            }

            await run(database);
        }
        catch (NpgsqlException e)
        {
            Console.WriteLine($"PostgreSQL not measured: {e.Message}");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (keep)
            {
                Console.WriteLine($"kept: PostgreSQL database {database}");
            }
            else
            {
                await DropAsync(server, database);
            }
        }
    }

    private static async Task DropAsync(string server, string database)
    {
        await using var admin = new NpgsqlConnection(server);
        try
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // no server, nothing to drop
        }
    }
}
