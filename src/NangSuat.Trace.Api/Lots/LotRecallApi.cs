using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Resolver;

namespace NangSuat.Trace.Api.Lots;

/// <summary>Recalling a lot, by its producer or an inspector: every scan shows the warning from then on.</summary>
public static class LotRecallApi
{
    public static void MapLotRecall(this RouteGroupBuilder lots) =>
        lots.MapPost("/{id:guid}/recall", Recall)
            .WithSummary("Recall a lot: every scan of its label shows a recall warning from then on");

    private static async Task<Results<Ok<LotResponse>, ValidationProblem, ProblemHttpResult>> Recall(
        Guid id, RecallRequest request, Caller caller, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.Required("reason", request.Reason, 1000);
        if (errors.Any)
        {
            return errors.Problem();
        }

        var lot = await db.Lots.Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lot is null || !caller.CanSee(lot.OrganizationId))
        {
            return LotsApi.NotFound(id);
        }

        if (lot.Status == LotStatus.Recalled)
        {
            return Problems.Conflict($"Lô {lot.LotNumber} đã bị thu hồi.", $"Lot {lot.LotNumber} is already recalled.");
        }

        var now = clock.GetUtcNow();
        (lot.Status, lot.RecallReason, lot.RecalledAt, lot.UpdatedAt) = (LotStatus.Recalled, reason, now, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(lot.ToResponse(lot.Product!.Gtin, links));
    }
}
