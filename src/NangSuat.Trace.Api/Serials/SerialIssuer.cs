using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;

namespace NangSuat.Trace.Api.Serials;

/// <summary>
/// Issues the serials of batches accepted for the background, a chunk at a time. It is woken when a
/// batch is accepted and otherwise looks every few seconds, so a batch accepted by another instance,
/// or left half-written when the service stopped, is finished too. Batches take turns: the one with
/// the fewest serials written goes next, so a million-serial batch does not hold up a small one.
/// </summary>
public sealed class SerialIssuer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SerialIssuer> log) : BackgroundService
{
    /// <summary>Serials written in one transaction: large enough for COPY to pay, small enough to commit in tens of milliseconds.</summary>
    public const int ChunkSize = 5_000;

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// SQLite has one writer at a time and makes a waiting writer retry every 150 ms or so: without a
    /// pause longer than that between chunks, a producer saving a form could wait for seconds behind a large batch.
    /// </summary>
    public static readonly TimeSpan SqlitePause = TimeSpan.FromMilliseconds(200);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Batches that failed, and when to try each again: one broken batch does not stop the others or fill the log.</summary>
    private readonly Dictionary<Guid, (int Failures, DateTimeOffset RetryAt)> _failing = [];

    /// <summary>Tells the issuer a batch is waiting, so it starts now rather than at its next look.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (await IssueNextChunkAsync(stoppingToken) is { } pause)
                {
                    await Task.Delay(pause, clock, stoppingToken);
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(PollInterval);
                try
                {
                    await _wake.Reader.ReadAsync(wait.Token);
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

    /// <summary>Writes one chunk of the batch whose turn it is; the pause before the next chunk, or null when no batch is waiting.</summary>
    private async Task<TimeSpan?> IssueNextChunkAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resting = _failing.Where(f => f.Value.RetryAt > now).Select(f => f.Key).ToList();
        Guid? batchId = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
            var next = await db.SerialBatches.AsNoTracking().Where(b => b.CompletedAt == null && !resting.Contains(b.Id))
                .OrderBy(b => b.Issued).ThenBy(b => b.Id)
                .Select(b => new { b.Id, b.LotId, b.Count, b.Issued, ProductId = db.Lots.Where(l => l.Id == b.LotId).Select(l => (Guid?)l.ProductId).FirstOrDefault() })
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return null;
            }

            batchId = next.Id;
            if (next.ProductId is not { } productId)
            {
                throw new InvalidOperationException($"Serial batch {next.Id} names lot {next.LotId}, which does not exist.");
            }

            var count = Math.Min(ChunkSize, next.Count - next.Issued);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (await SerialWriter.WriteChunkAsync(db, next.Id, next.LotId, productId, next.Issued, count, next.Count, clock.GetUtcNow(), cancellationToken)
                    != SerialWriter.ChunkOutcome.Collided)
                {
                    _failing.Remove(next.Id);
                    return db.Database.IsSqlite() ? SqlitePause : TimeSpan.Zero;
                }
            }

            throw new InvalidOperationException($"Three draws of serials for batch {next.Id} collided with serials already issued.");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The database may be starting or gone for a moment: what was accepted stays accepted. A batch
            // that keeps failing waits longer each time (up to an hour) and is logged as an error once.
            var failures = batchId is { } id && _failing.TryGetValue(id, out var known) ? known.Failures + 1 : 1;
            if (batchId is { } failed)
            {
                _failing[failed] = (failures, clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, failures - 1))));
            }

            if (failures == 3)
            {
                log.LogError(e, "Serial batch {Batch} failed three times; it is retried less and less often", batchId);
            }
            else if (failures < 3)
            {
                log.LogWarning(e, "Serials could not be issued now; batch {Batch} resumes at the next attempt", batchId);
            }

            return batchId is null ? null : TimeSpan.Zero;
        }
    }
}
