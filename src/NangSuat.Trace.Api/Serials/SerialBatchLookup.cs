using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Lots;

namespace NangSuat.Trace.Api.Serials;

public static class SerialBatchLookup
{
    /// <summary>A batch the caller may see, with its lot and product; nulls when there is none.</summary>
    public static async Task<(SerialBatch? Batch, Lot? Lot)> FindAsync(TraceDb db, Guid id, Caller caller, CancellationToken cancellationToken)
    {
        var found = await db.SerialBatches.AsNoTracking()
            .Where(b => b.Id == id)
            .Select(b => new { Batch = b, Lot = db.Lots.Include(l => l.Product).FirstOrDefault(l => l.Id == b.LotId) })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null || !caller.CanSee(found.Batch.OrganizationId) ? (null, null) : (found.Batch, found.Lot);
    }

    /// <summary>409 with the progress and a Retry-After while a background batch is still being issued: half a batch is never handed out as if it were whole.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? StillIssuing(SerialBatch batch, HttpContext context)
    {
        if (batch.IsComplete)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = "5";
        return Infrastructure.Problems.Conflict(
            $"Lô số sê-ri đang được cấp ({batch.Issued:N0}/{batch.Count:N0}); tải về khi đã cấp xong.",
            $"The batch is still being issued ({batch.Issued:N0} of {batch.Count:N0}); download it once it is complete.");
    }
}
