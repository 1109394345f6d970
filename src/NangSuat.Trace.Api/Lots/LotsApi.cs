using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Lots;

public sealed record Quantity(decimal? Value, string? Unit);

public sealed record LotRequest(
    string? Gtin, string? LotNumber, Guid? ProductionAreaId, DateOnly? ProductionDate, DateOnly? PackingDate,
    DateOnly? ExpiryDate, DateOnly? BestBeforeDate, Quantity? Quantity);

public sealed record RecallRequest(string? Reason);

public sealed record LotResponse(
    Guid Id, Guid OrganizationId, Guid ProductId, string Gtin, string LotNumber, Guid? ProductionAreaId,
    DateOnly? ProductionDate, DateOnly? PackingDate, DateOnly? ExpiryDate, DateOnly? BestBeforeDate, Quantity? Quantity,
    LotStatus Status, string? RecallReason, DateTimeOffset? RecalledAt, string DigitalLink, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class LotsApi
{
    public static RouteGroupBuilder MapLots(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/lots").WithTags("Lots").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).RequireAuthorization(Roles.Producer).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateLot").WithSummary("Register a lot (batch) of one of the caller's products");
        group.MapGet("/", List).WithName("ListLots").WithSummary("List lots (a producer sees its own); filter by gtin");
        group.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetLot").WithSummary("Get a lot with its Digital Link");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Producer)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateLot").WithSummary("Correct a lot's details; GTIN and lot number cannot change");
        group.MapLotRecall();
        return group;
    }

    private static async Task<Results<Created<LotResponse>, ValidationProblem, ProblemHttpResult>> Create(
        LotRequest request, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (lot, product) = await LotRules.CreateAsync(request, caller.Organization, db, clock.GetUtcNow(), errors, cancellationToken);
        if (lot is null)
        {
            return errors.Problem();
        }

        if (await db.Lots.AnyAsync(l => l.ProductId == lot.ProductId && l.LotNumber == lot.LotNumber, cancellationToken))
        {
            return LotTaken(product!.Gtin, lot.LotNumber);
        }

        db.Lots.Add(lot);
        return await db.TrySaveUniqueAsync(cancellationToken)
            ? TypedResults.Created($"/api/v1/lots/{lot.Id}", lot.ToResponse(product!.Gtin, urls))
            : LotTaken(product!.Gtin, lot.LotNumber);
    }

    private static async Task<Results<Ok<PagedList<LotResponse>>, ValidationProblem>> List(
        [AsParameters] Paging paging, string? gtin, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        var gtin14 = gtin is null ? null : errors.Gs1("gtin", Gs1Keys.Gtin(gtin));
        if (errors.Any)
        {
            return errors.Problem();
        }

        var query = db.Lots.AsNoTracking().Include(l => l.Product).Where(l => caller.SeesAll || l.OrganizationId == caller.OrganizationId);
        if (gtin14 is not null)
        {
            query = query.Where(l => l.Product!.Gtin == gtin14);
        }

        return TypedResults.Ok(await paging.ToPageAsync(query.OrderBy(l => l.Id), l => l.ToResponse(l.Product!.Gtin, urls), cancellationToken));
    }

    private static async Task<Results<Ok<LotResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.AsNoTracking().Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return lot is null || !caller.CanSee(lot.OrganizationId) ? Problems.NotFound(RecordKind.Lot, id) : TypedResults.Ok(lot.ToResponse(lot.Product!.Gtin, urls));
    }

    private static async Task<Results<Ok<LotResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, LotRequest request, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id && l.OrganizationId == caller.Organization, cancellationToken);
        if (lot is null)
        {
            return Problems.NotFound(RecordKind.Lot, id);
        }

        var errors = new FieldErrors();
        if (!await LotRules.ChangeAsync(request, lot, lot.Product!.Gtin, db, clock.GetUtcNow(), errors, cancellationToken))
        {
            return errors.Problem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(lot.ToResponse(lot.Product!.Gtin, urls));
    }

    private static ProblemHttpResult LotTaken(string gtin, string lot) =>
        Problems.Conflict($"Sản phẩm {gtin} đã có lô {lot}.", $"Product {gtin} already has a lot {lot}.");
}

public static class LotMapping
{
    public static DigitalLink DigitalLink(this Lot lot, string gtin14) => new(gtin14, Lot: lot.LotNumber);

    public static LotResponse ToResponse(this Lot l, string gtin14, PublicUrls urls) => new(
        l.Id, l.OrganizationId, l.ProductId, gtin14, l.LotNumber, l.ProductionAreaId, l.ProductionDate, l.PackingDate, l.ExpiryDate,
        l.BestBeforeDate, l.QuantityValue is null ? null : new Quantity(l.QuantityValue, l.QuantityUnit),
        l.Status, l.RecallReason, l.RecalledAt, urls.For(l.DigitalLink(gtin14)), l.CreatedAt, l.UpdatedAt);
}
