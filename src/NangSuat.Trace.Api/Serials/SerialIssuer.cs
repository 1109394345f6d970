using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;

namespace NangSuat.Trace.Api.Serials;

/// <summary>
/// Issues the serials of batches accepted for the background, a chunk at a time, oldest batch first.
/// It is woken when a batch is accepted and otherwise looks every few seconds, so a batch accepted by
/// another instance, or left half-written when the service stopped, is finished too.
/// </summary>
public sealed class SerialIssuer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SerialIssuer> log) : BackgroundService
{
    /// <summary>Serials written in one transaction: small enough that the portal's other writers barely wait on SQLite, large enough for COPY to pay.</summary>
    public const int ChunkSize = 5_000;

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Tells the issuer a batch is waiting, so it starts now rather than at its next look.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await IssueNextChunkAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database may be starting or gone for a moment; what was accepted stays accepted and is issued at the next look.
                log.LogWarning(e, "Serials could not be issued now; the batch resumes at the next attempt");
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
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Writes one chunk of the oldest unfinished batch; false when no batch is waiting.</summary>
    private async Task<bool> IssueNextChunkAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
        var next = await db.SerialBatches.AsNoTracking().Where(b => b.CompletedAt == null).OrderBy(b => b.Id)
            .Select(b => new { b.Id, b.LotId, b.Count, b.Issued, ProductId = db.Lots.Where(l => l.Id == b.LotId).Select(l => l.ProductId).First() })
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return false;
        }

        var count = Math.Min(ChunkSize, next.Count - next.Issued);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var outcome = await SerialWriter.WriteChunkAsync(db, next.Id, next.LotId, next.ProductId, next.Issued, count, next.Count, clock.GetUtcNow(), cancellationToken);
            if (outcome != SerialWriter.ChunkOutcome.Collided)
            {
                return true;
            }
        }

        log.LogWarning("Three draws of serials for batch {Batch} collided with serials already issued; trying again at the next look", next.Id);
        return false;
    }
}
