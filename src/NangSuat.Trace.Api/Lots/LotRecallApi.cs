using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Lots;

/// <summary>Recalling a lot, by its producer or an inspector: every scan shows the warning from then on.</summary>
public static class LotRecallApi
{
    public static void MapLotRecall(this RouteGroupBuilder lots) =>
        lots.MapPost("/{id:guid}/recall", Recall)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RecallLot").WithSummary("Recall a lot: every scan of its label shows a recall warning from the next scan on; decided once when requests race");

    private static async Task<Results<Ok<LotResponse>, ValidationProblem, ProblemHttpResult>> Recall(
        Guid id, RecallRequest request, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lot is null || !caller.CanSee(lot.OrganizationId))
        {
            return Problems.NotFound(RecordKind.Lot, id);
        }

        if (lot.Status == LotStatus.Recalled)
        {
            return Problems.Conflict($"Lô {lot.LotNumber} đã bị thu hồi.", $"Lot {lot.LotNumber} is already recalled.");
        }

        var errors = new FieldErrors();
        if (!LotRules.Recall(request, lot, clock.GetUtcNow(), errors))
        {
            return errors.Problem();
        }

        // Racing recalls all read the active lot; its concurrency token lets one write and the rest get a 409.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(lot.ToResponse(lot.Product!.Gtin, urls));
    }
}
