using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Api.Audit;

/// <summary>Rung when a registry change commits, so the log takes its entries in now rather than at its next look.</summary>
public sealed class LogWakeup
{
    private readonly Channel<bool> _bell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ring() => _bell.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _bell.Reader.ReadAsync(cancellationToken);
}

/// <summary>
/// Takes committed audit entries into the transparency log and signs its checkpoints. A change's own
/// transaction only adds its entry, so writers never queue for the log's next index; this service gives
/// indexes in one place, a batch at a time, as Certificate Transparency's logs do. Two instances on one
/// database cannot both take an entry: the second one's insert of the same leaf position is refused
/// and its batch rolled back.
/// </summary>
public sealed partial class LogIntegrator(IServiceScopeFactory scopes, LogWakeup wakeup, LogSigningKey key, IOptions<LogOptions> options, TimeProvider clock, ILogger<LogIntegrator> log)
    : BackgroundService
{
    /// <summary>Entries taken in one transaction: a few milliseconds of hashing, one round trip of writes.</summary>
    public const int BatchSize = 2_000;

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
                    while (await IntegrateAsync(db, BatchSize, stoppingToken) == BatchSize)
                    {
                    }

                    await SignIfDueAsync(db, key, options.Value, clock, stoppingToken);
                    failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // What was committed stays in the audit record; the log takes it in at a later attempt.
                    if (++failures is 1 or 10 or 100)
                    {
                        LogFailed(log, e, failures);
                    }
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(failures == 0 ? PollInterval : TimeSpan.FromSeconds(Math.Min(60, failures * 2)));
                try
                {
                    await wakeup.WaitAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Gives the next indexes to up to <paramref name="batchSize"/> entries not yet in the log and stores the subtrees they complete; how many it took.</summary>
    public static async Task<int> IntegrateAsync(TraceDb db, int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pending = await db.AuditEntries.AsNoTracking().Where(a => a.LogIndex == null).OrderBy(a => a.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var range = await RangeAsync(db, await SizeAsync(db, cancellationToken), cancellationToken);
        var nodes = new List<LogNode>(pending.Count * 2);
        foreach (var entry in pending)
        {
            entry.LogIndex = range.Size;
            range.Append(LogEntries.LeafHash(entry, range.Size), (position, hash) => nodes.Add(new LogNode { Position = position.Key, Hash = hash }));
        }

        if (db.Database.IsNpgsql())
        {
            // Two statements a batch instead of one per row: PostgreSQL takes arrays, and this is the log's hot path.
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE "AuditEntries" AS a SET "LogIndex" = given.i FROM unnest({0}, {1}) AS given(id, i) WHERE a."Id" = given.id""",
                [pending.Select(e => e.Id).ToArray(), pending.Select(e => e.LogIndex!.Value).ToArray()], cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "LogNodes" ("Position", "Hash") SELECT * FROM unnest({0}, {1})""",
                [nodes.Select(n => n.Position).ToArray(), nodes.Select(n => n.Hash).ToArray()], cancellationToken);
        }
        else
        {
            foreach (var entry in pending)
            {
                db.Entry(entry).Property(e => e.LogIndex).IsModified = true;
            }

            db.LogNodes.AddRange(nodes);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return pending.Count;
    }

    /// <summary>Signs the tree as it stands when it grew since the last checkpoint and that one is old enough, and a first, empty one.</summary>
    public static async Task<LogCheckpoint?> SignIfDueAsync(TraceDb db, LogSigningKey key, LogOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var size = await SizeAsync(db, cancellationToken);
        var last = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (last is not null && (last.Size >= size || now - last.SignedAt < TimeSpan.FromSeconds(options.CheckpointSeconds)))
        {
            return null;
        }

        var root = (await RangeAsync(db, size, cancellationToken)).Root();
        var checkpoint = new LogCheckpoint { Size = size, Root = root, SignedAt = now, Signed = new Checkpoint(key.Origin, size, root).Sign(key.Key) };
        db.LogCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return null; // another instance signed this size first
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return checkpoint;
    }

    /// <summary>How many entries the log holds: one past the last leaf it stored.</summary>
    public static async Task<long> SizeAsync(TraceDb db, CancellationToken cancellationToken) =>
        (await db.LogNodes.Where(n => n.Position < NodePosition.MaxLeaves).MaxAsync(n => (long?)n.Position, cancellationToken) ?? -1) + 1;

    /// <summary>The right edge of the tree of <paramref name="size"/> leaves, from its stored peaks.</summary>
    public static async Task<CompactRange> RangeAsync(TraceDb db, long size, CancellationToken cancellationToken)
    {
        var peaks = CompactRange.Peaks(size);
        var nodes = await NodesAsync(db, peaks.Select(p => p.Key), cancellationToken);
        return CompactRange.FromPeaks(size, [.. peaks.Select(p => nodes[p.Key])]);
    }

    /// <summary>The stored subtrees at these positions; a missing one means the stored tree was damaged, which is refused, not papered over.</summary>
    public static async Task<Dictionary<long, byte[]>> NodesAsync(TraceDb db, IEnumerable<long> positions, CancellationToken cancellationToken)
    {
        var wanted = positions.ToList();
        var nodes = await db.LogNodes.AsNoTracking().Where(n => wanted.Contains(n.Position)).ToDictionaryAsync(n => n.Position, n => n.Hash, cancellationToken);
        if (wanted.Where(p => !nodes.ContainsKey(p)).Select(NodePosition.FromKey).FirstOrDefault() is { } position && nodes.Count < wanted.Distinct().Count())
        {
            throw new InvalidOperationException($"The log's stored tree has no node at level {position.Level}, index {position.Index}: it was damaged.");
        }

        return nodes;
    }

    [LoggerMessage(LogLevel.Error, "The audit log could not take in new entries or sign a checkpoint (failure {Failures} in a row); it tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, int failures);
}
