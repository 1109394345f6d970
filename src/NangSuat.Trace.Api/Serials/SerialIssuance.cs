using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Lots;

namespace NangSuat.Trace.Api.Serials;

/// <summary>
/// Issuing a batch of serials for a lot, for the API and the portal's form alike: the idempotency key
/// decides first (a retry finds its batch, a key reused for something else is refused), then the batch
/// is written whole or, in the background, accepted to be written chunk by chunk.
/// </summary>
public static class SerialIssuance
{
    public enum Outcome
    {
        /// <summary>Written whole with the request.</summary>
        Issued,

        /// <summary>Accepted; the background issuer writes it.</summary>
        Accepted,

        /// <summary>An earlier request with the same key made this batch.</summary>
        Replayed,

        /// <summary>The key was used before for another lot or count.</summary>
        KeyReused,

        /// <summary>Three draws collided with serials already issued; nothing was written.</summary>
        Collided,
    }

    public sealed record Result(Outcome Outcome, SerialBatch? Batch);

    public static async Task<Result> IssueAsync(
        TraceDb db, SerialIssuer issuer, Lot lot, int count, string? key, bool background, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (key is not null && await ReplayAsync(db, lot, count, key, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var batch = new SerialBatch { Id = Guid.CreateVersion7(now), OrganizationId = lot.OrganizationId, LotId = lot.Id, Count = count, IdempotencyKey = key, CreatedAt = now };
            if (background ? await SerialWriter.TryAcceptAsync(db, batch, cancellationToken) : await SerialWriter.TryWriteAsync(db, batch, lot.ProductId, cancellationToken))
            {
                if (background)
                {
                    issuer.Wake();
                }

                return new(background ? Outcome.Accepted : Outcome.Issued, batch);
            }

            // A retry with the same key raced this one, or (writing whole) a 60-bit serial collided: draw again.
            if (key is not null && await ReplayAsync(db, lot, count, key, cancellationToken) is { } raced)
            {
                return raced;
            }
        }

        return new(Outcome.Collided, null);
    }

    private static async Task<Result?> ReplayAsync(TraceDb db, Lot lot, int count, string key, CancellationToken cancellationToken)
    {
        var earlier = await db.SerialBatches.AsNoTracking().FirstOrDefaultAsync(b => b.OrganizationId == lot.OrganizationId && b.IdempotencyKey == key, cancellationToken);
        return earlier is null ? null : new(earlier.LotId == lot.Id && earlier.Count == count ? Outcome.Replayed : Outcome.KeyReused, earlier);
    }
}
