using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Api.Serials;
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
    string Status, string? RecallReason, DateTimeOffset? RecalledAt, string DigitalLink, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class LotsApi
{
    public static RouteGroupBuilder MapLots(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/lots").WithTags("Lots").RequireAuthorization(Roles.AnyReader);
        group.MapPost("/", Create).RequireAuthorization(Roles.Producer).WithSummary("Register a lot (batch) of one of the caller's products");
        group.MapGet("/", List).WithSummary("List lots (a producer sees its own); filter by gtin");
        group.MapGet("/{id:guid}", Get).WithSummary("Get a lot with its Digital Link");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Producer).WithSummary("Correct a lot's details; GTIN and lot number cannot change");
        group.MapLotRecall();
        group.MapLotLabels();
        group.MapSerials(routes);
        return group;
    }

    private static async Task<Results<Created<LotResponse>, ValidationProblem, ProblemHttpResult>> Create(
        LotRequest request, Caller caller, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var gtin = errors.Gs1("gtin", Gs1Keys.Gtin(request.Gtin));
        var lotNumber = errors.Gs1("lotNumber", Cset82.Validate(request.LotNumber?.Trim(), "lotNumber"));
        var product = gtin is null ? null : await db.Products.FirstOrDefaultAsync(p => p.Gtin == gtin && p.OrganizationId == caller.Organization, cancellationToken);
        if (gtin is not null && product is null)
        {
            errors.Add("gtin", $"tổ chức của bạn chưa đăng ký sản phẩm có GTIN {gtin}", $"your organization has no product with GTIN {gtin}");
        }

        var now = clock.GetUtcNow();
        var lot = new Lot { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, ProductId = product?.Id ?? Guid.Empty, LotNumber = lotNumber ?? "", Status = LotStatus.Active, CreatedAt = now };
        await Apply(request, lot, db, now, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.Problem();
        }

        if (await db.Lots.AnyAsync(l => l.ProductId == lot.ProductId && l.LotNumber == lot.LotNumber, cancellationToken))
        {
            return LotTaken(gtin!, lot.LotNumber);
        }

        db.Lots.Add(lot);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return LotTaken(gtin!, lot.LotNumber);
        }

        return TypedResults.Created($"/api/v1/lots/{lot.Id}", lot.ToResponse(gtin!, links));
    }

    private static async Task<Results<Ok<PagedList<LotResponse>>, ValidationProblem>> List(
        [AsParameters] Paging paging, string? gtin, Caller caller, TraceDb db, ResolverLinks links, CancellationToken cancellationToken)
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

        return TypedResults.Ok(await paging.ToPageAsync(query.OrderBy(l => l.Id), l => l.ToResponse(l.Product!.Gtin, links), cancellationToken));
    }

    private static async Task<Results<Ok<LotResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, TraceDb db, ResolverLinks links, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.AsNoTracking().Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return lot is null || !caller.CanSee(lot.OrganizationId) ? NotFound(id) : TypedResults.Ok(lot.ToResponse(lot.Product!.Gtin, links));
    }

    private static async Task<Results<Ok<LotResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, LotRequest request, Caller caller, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id && l.OrganizationId == caller.Organization, cancellationToken);
        if (lot is null)
        {
            return NotFound(id);
        }

        var errors = new FieldErrors();
        if (request.Gtin is not null && Gs1Keys.Gtin(request.Gtin).Value != lot.Product!.Gtin)
        {
            errors.Add("gtin", "không thể đổi GTIN của lô đã in nhãn", "a lot's GTIN cannot change once registered");
        }

        if (request.LotNumber is not null && request.LotNumber.Trim() != lot.LotNumber)
        {
            errors.Add("lotNumber", "không thể đổi số lô đã in trên nhãn; hãy đăng ký lô mới", "a lot number printed on labels cannot change; register a new lot");
        }

        await Apply(request, lot, db, clock.GetUtcNow(), errors, cancellationToken);
        if (errors.Any)
        {
            return errors.Problem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(lot.ToResponse(lot.Product!.Gtin, links));
    }

    private static async Task Apply(LotRequest request, Lot lot, TraceDb db, DateTimeOffset now, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (request.ProductionAreaId is { } areaId
            && !await db.ProductionAreas.AnyAsync(a => a.Id == areaId && a.OrganizationId == lot.OrganizationId, cancellationToken))
        {
            errors.Add("productionAreaId", "tổ chức của bạn không có vùng sản xuất này", "your organization has no such production area");
        }

        if (request is { ProductionDate: { } produced, PackingDate: { } packed } && packed < produced)
        {
            errors.Add("packingDate", "ngày đóng gói không được trước ngày sản xuất/thu hoạch", "must not be before productionDate");
        }

        if (request is { ExpiryDate: not null, BestBeforeDate: not null })
        {
            errors.Add("expiryDate", "chỉ ghi một trong hai: hạn sử dụng (expiryDate) hoặc sử dụng tốt nhất trước (bestBeforeDate)",
                "give expiryDate or bestBeforeDate, not both");
        }

        var ends = request.ExpiryDate ?? request.BestBeforeDate;
        var starts = request.PackingDate ?? request.ProductionDate;
        if (ends is { } end && starts is { } start && end < start)
        {
            errors.Add(request.ExpiryDate is not null ? "expiryDate" : "bestBeforeDate", "hạn dùng không được trước ngày sản xuất/đóng gói",
                "must not be before the production or packing date");
        }

        var unit = request.Quantity is null ? null : errors.Required("quantity.unit", request.Quantity.Unit, 20);
        if (request.Quantity is { Value: not > 0 })
        {
            errors.Add("quantity.value", "số lượng phải lớn hơn 0", "must be more than 0");
        }

        (lot.ProductionAreaId, lot.ProductionDate, lot.PackingDate) = (request.ProductionAreaId, request.ProductionDate, request.PackingDate);
        (lot.ExpiryDate, lot.BestBeforeDate, lot.UpdatedAt) = (request.ExpiryDate, request.BestBeforeDate, now);
        (lot.QuantityValue, lot.QuantityUnit) = (request.Quantity?.Value, unit);
    }

    internal static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"Không có lô {id}.", $"There is no lot {id}.");

    private static ProblemHttpResult LotTaken(string gtin, string lot) =>
        Problems.Conflict($"Sản phẩm {gtin} đã có lô {lot}.", $"Product {gtin} already has a lot {lot}.");
}

public static class LotMapping
{
    public static DigitalLink DigitalLink(this Lot lot, string gtin14) => new(gtin14, Lot: lot.LotNumber);

    public static LotResponse ToResponse(this Lot l, string gtin14, ResolverLinks links) => new(
        l.Id, l.OrganizationId, l.ProductId, gtin14, l.LotNumber, l.ProductionAreaId, l.ProductionDate, l.PackingDate, l.ExpiryDate,
        l.BestBeforeDate, l.QuantityValue is null ? null : new Quantity(l.QuantityValue, l.QuantityUnit),
        Json.CamelCase(l.Status.ToString()), l.RecallReason, l.RecalledAt, links.For(l.DigitalLink(gtin14)), l.CreatedAt, l.UpdatedAt);
}
