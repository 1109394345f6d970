using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NangSuat.Trace.Api.Audit;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Benchmarks.Scan;
using NangSuat.Trace.Log;
using Npgsql;
using NpgsqlTypes;

namespace NangSuat.Trace.Benchmarks.Log;

/// <summary>
/// The transparency log, timed where the service does its work: audit rows taken into the log by the
/// integrator's own code (indexes, leaf hashes, stored subtrees, one transaction a batch), beside two
/// anchors from the same run, the bare writing of those rows and the bare hashing of them; then
/// inclusion and consistency proofs served from the stored subtrees of a log of 1,000,000 entries.
/// Prints figures; asserts nothing.
/// </summary>
public static class LogBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var entries = args.SkipWhile(a => a != "--entries").Skip(1).Select(int.Parse).FirstOrDefault(100_000);
        var proofEntries = args.SkipWhile(a => a != "--proof-entries").Skip(1).Select(long.Parse).FirstOrDefault(1_000_000);
        var proofs = args.SkipWhile(a => a != "--proofs").Skip(1).Select(int.Parse).FirstOrDefault(1_000);
        var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault()
            ?? Environment.GetEnvironmentVariable("TRACE_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Timeout=5";
        var providers = args.SkipWhile(a => a != "--providers").Skip(1).FirstOrDefault()?.Split(',') ?? ["sqlite", "postgres"];

        Console.WriteLine($"NangSuat.Trace transparency log — {Environment.ProcessorCount} logical cores, .NET {Environment.Version}; prints figures, asserts nothing");
        Console.WriteLine($"append: {entries:N0} audit entries, {LogIntegrator.BatchSize:N0} a transaction; proofs: {proofs:N0} of each kind on a log of {proofEntries:N0} entries");
        foreach (var provider in providers)
        {
            Console.WriteLine();
            if (provider == "sqlite")
            {
                var (appendFile, proofFile) = (Path.Combine(Path.GetTempPath(), $"log-bench-{Guid.NewGuid():N}.db"), Path.Combine(Path.GetTempPath(), $"log-proofs-{Guid.NewGuid():N}.db"));
                try
                {
                    Console.WriteLine("SQLite (file)");
                    await AppendAsync(Options("sqlite", $"Data Source={appendFile}"), entries);
                    await ProofsAsync(Options("sqlite", $"Data Source={proofFile}"), proofEntries, proofs);
                }
                finally
                {
                    ScanBenchmark.DeleteSqlite(appendFile);
                    ScanBenchmark.DeleteSqlite(proofFile);
                }
            }
            else
            {
                Console.WriteLine("PostgreSQL");
                await ScanBenchmark.WithPostgresAsync(postgres, keep: false, database =>
                    AppendAsync(Options("postgres", new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString), entries));
                await ScanBenchmark.WithPostgresAsync(postgres, keep: false, database =>
                    ProofsAsync(Options("postgres", new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString), proofEntries, proofs));
            }
        }
    }

    private static DbContextOptions<TraceDb> Options(string provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<TraceDb>().ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return (provider == "postgres" ? builder.UseNpgsql(connectionString) : builder.UseSqlite(connectionString)).Options;
    }

    private static async Task<TraceDb> MigratedAsync(DbContextOptions<TraceDb> options)
    {
        var db = new TraceDb(options);
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        return db;
    }

    private static async Task AppendAsync(DbContextOptions<TraceDb> options, int count)
    {
        await using var db = await MigratedAsync(options);
        var start = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, count).Select(i => new AuditEntry
        {
            Id = Guid.CreateVersion7(start.AddMilliseconds(i)), At = start.AddMilliseconds(i), ActorRole = "producer", ActorTokenId = Guid.NewGuid(),
            ActorOrganizationId = Guid.NewGuid(), Entity = "lot", EntityId = Guid.NewGuid(), OrganizationId = Guid.NewGuid(), Action = "updated",
            Changes = $$$"""{"quantity":{"from":{{{i}}},"to":{{{i + 1}}}},"note":{"from":null,"to":"Lô chè búp tươi số {{{i}}}"}}""",
        }).ToList();

        var clock = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(LogIntegrator.BatchSize))
        {
            db.AuditEntries.AddRange(chunk);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var written = clock.Elapsed;
        clock.Restart();
        var hashed = rows.Select((row, i) => LogEntries.LeafHash(row, i)).Count();
        var hashing = clock.Elapsed;

        clock.Restart();
        long taken = 0;
        int batch;
        while ((batch = await LogIntegrator.IntegrateAsync(db, LogIntegrator.BatchSize, CancellationToken.None)) > 0)
        {
            taken += batch;
        }

        var integrating = clock.Elapsed;
        using var signing = new LogSigningKey(Microsoft.Extensions.Options.Options.Create(new LogOptions { SigningKey = GeneratedKey() }), NullLogger<LogSigningKey>.Instance);
        clock.Restart();
        var checkpoint = await LogIntegrator.SignIfDueAsync(db, signing, new LogOptions(), TimeProvider.System, CancellationToken.None);
        var signingTime = clock.Elapsed;
        clock.Restart();
        var verification = await LogStore.VerifyAsync(db, signing, checkpoint!.Signed, CancellationToken.None);
        var verifying = clock.Elapsed;

        Console.WriteLine($"  {"",-58} {"entries/s",12} {"total",10}");
        Row($"anchor: write the audit rows (EF, {LogIntegrator.BatchSize:N0} a save)", count, written);
        Row("anchor: canonical JSON + leaf hash, in memory", hashed, hashing);
        Row("take into the log (index, hash, subtrees, one tx a batch)", taken, integrating);
        Row($"sign a checkpoint of {checkpoint.Size:N0} entries", 1, signingTime, perSecond: false);
        Row($"verify every entry from the database ({(verification.Verified ? "verified" : "NOT verified")})", verification.Entries, verifying);
    }

    private static async Task ProofsAsync(DbContextOptions<TraceDb> options, long size, int count)
    {
        await using var db = await MigratedAsync(options);
        var clock = Stopwatch.StartNew();
        var nodes = await StoreTreeAsync(db, size);
        Console.WriteLine($"  a log of {size:N0} entries: {nodes:N0} stored subtrees written in {clock.Elapsed.TotalSeconds:N1} s (bulk, to set up)");

        var random = new Random(20261123);
        var inclusion = new List<double>();
        var inclusionSizes = new List<int>();
        for (var i = 0; i < count + 20; i++)
        {
            var index = random.NextInt64(size);
            clock.Restart();
            var proof = await LogStore.InclusionProofAsync(db, index, size, CancellationToken.None);
            if (i >= 20)
            {
                inclusion.Add(clock.Elapsed.TotalMilliseconds);
                inclusionSizes.Add(proof.Count);
            }
        }

        var consistency = new List<double>();
        var consistencySizes = new List<int>();
        for (var i = 0; i < count + 20; i++)
        {
            var from = 1 + random.NextInt64(size - 1);
            clock.Restart();
            var proof = await LogStore.ConsistencyProofAsync(db, from, size, CancellationToken.None);
            if (i >= 20)
            {
                consistency.Add(clock.Elapsed.TotalMilliseconds);
                consistencySizes.Add(proof.Count);
            }
        }

        // The anchor: the same read path asking for one stored node by its key.
        var lookup = new List<double>();
        for (var i = 0; i < count + 20; i++)
        {
            var key = new NodePosition(0, random.NextInt64(size)).Key;
            clock.Restart();
            await LogIntegrator.NodesAsync(db, [key], CancellationToken.None);
            if (i >= 20)
            {
                lookup.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"  {"",-58} {"median",8} {"p95",8} {"hashes",8} {"bytes",8}");
        ProofRow("anchor: fetch one stored subtree by its key", lookup, null);
        ProofRow("inclusion proof (RFC 9162 §2.1.3)", inclusion, inclusionSizes);
        ProofRow("consistency proof to the whole log (§2.1.4)", consistency, consistencySizes);
    }

    /// <summary>The stored subtrees of a log of random leaves, written in bulk: setting the stage, not what is measured.</summary>
    private static async Task<long> StoreTreeAsync(TraceDb db, long size)
    {
        var range = new CompactRange();
        var written = 0L;
        var leaf = new byte[MerkleTree.HashSize];
        var random = new Random(1322);
        if (db.Database.IsNpgsql())
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var copy = await connection.BeginBinaryImportAsync("""COPY "LogNodes" ("Position", "Hash") FROM STDIN (FORMAT BINARY)""");
            for (var i = 0L; i < size; i++)
            {
                random.NextBytes(leaf);
                range.Append([.. leaf], (position, hash) =>
                {
                    copy.StartRow();
                    copy.Write(position.Key, NpgsqlDbType.Bigint);
                    copy.Write(hash, NpgsqlDbType.Bytea);
                    written++;
                });
            }

            await copy.CompleteAsync();
            await connection.CloseAsync();
            return written;
        }

        var sqlite = (SqliteConnection)db.Database.GetDbConnection();
        await sqlite.OpenAsync();
        await using var transaction = sqlite.BeginTransaction();
        await using var insert = sqlite.CreateCommand();
        insert.CommandText = """INSERT INTO "LogNodes" ("Position", "Hash") VALUES ($position, $hash)""";
        var positionParameter = insert.Parameters.Add("$position", SqliteType.Integer);
        var hashParameter = insert.Parameters.Add("$hash", SqliteType.Blob);
        for (var i = 0L; i < size; i++)
        {
            random.NextBytes(leaf);
            range.Append([.. leaf], (position, hash) =>
            {
                positionParameter.Value = position.Key;
                hashParameter.Value = hash;
                insert.ExecuteNonQuery();
                written++;
            });
        }

        await transaction.CommitAsync();
        await sqlite.CloseAsync();
        return written;
    }

    private static string GeneratedKey()
    {
        using var key = CheckpointKey.Generate("bench");
        return key.ExportPrivateKeyPem();
    }

    private static void Row(string what, long count, TimeSpan elapsed, bool perSecond = true) =>
        Console.WriteLine($"  {what,-58} {(perSecond ? (count / elapsed.TotalSeconds).ToString("N0") : ""),12} {elapsed.TotalMilliseconds,8:N0} ms");

    private static void ProofRow(string what, List<double> times, List<int>? sizes)
    {
        times.Sort();
        var hashes = sizes is null ? "" : sizes.Average().ToString("N1");
        var bytes = sizes is null ? "" : (sizes.Average() * MerkleTree.HashSize).ToString("N0");
        Console.WriteLine($"  {what,-58} {times[times.Count / 2],6:N2}ms {times[(int)(times.Count * 0.95)],6:N2}ms {hashes,8} {bytes,8}");
    }
}
