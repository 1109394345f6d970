using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.ProductionAreas;

public sealed record ProductionAreaRequest(
    string? Name, string? AreaCode, string? Gln, string? Commune, string? Province, double? Latitude, double? Longitude, decimal? Hectares);

public sealed record ProductionAreaResponse(
    Guid Id, Guid OrganizationId, string Name, string? AreaCode, string? Gln, string Commune, string Province,
    double? Latitude, double? Longitude, decimal? Hectares, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class ProductionAreasApi
{
    public static RouteGroupBuilder MapProductionAreas(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/production-areas").WithTags("Production areas").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).RequireAuthorization(Roles.Producer).WithName("CreateProductionArea").WithSummary("Register a growing or farming area (vùng trồng)");
        group.MapGet("/", List).WithName("ListProductionAreas").WithSummary("List production areas (a producer sees its own)");
        group.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetProductionArea").WithSummary("Get a production area");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Producer)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateProductionArea").WithSummary("Replace a production area's details");
        return group;
    }

    private static async Task<Results<Created<ProductionAreaResponse>, ValidationProblem>> Create(
        ProductionAreaRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var area = new ProductionArea { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, Name = "", Commune = "", Province = "", CreatedAt = now };
        var errors = new FieldErrors();
        if (!ProductionAreaRules.Apply(request, area, now, errors))
        {
            return errors.Problem();
        }

        db.ProductionAreas.Add(area);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/production-areas/{area.Id}", area.ToResponse());
    }

    private static async Task<Results<Ok<PagedList<ProductionAreaResponse>>, ValidationProblem>> List(
        [AsParameters] Paging paging, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        if (errors.Any)
        {
            return errors.Problem();
        }

        var query = db.ProductionAreas.AsNoTracking().Where(a => caller.SeesAll || a.OrganizationId == caller.OrganizationId).OrderBy(a => a.Id);
        return TypedResults.Ok(await paging.ToPageAsync(query, ProductionAreaMapping.ToResponse, cancellationToken));
    }

    private static async Task<Results<Ok<ProductionAreaResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var area = await db.ProductionAreas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return area is null || !caller.CanSee(area.OrganizationId) ? Problems.NotFound(RecordKind.ProductionArea, id) : TypedResults.Ok(area.ToResponse());
    }

    private static async Task<Results<Ok<ProductionAreaResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ProductionAreaRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var area = await db.ProductionAreas.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == caller.Organization, cancellationToken);
        if (area is null)
        {
            return Problems.NotFound(RecordKind.ProductionArea, id);
        }

        var errors = new FieldErrors();
        if (!ProductionAreaRules.Apply(request, area, clock.GetUtcNow(), errors))
        {
            return errors.Problem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(area.ToResponse());
    }
}

public static class ProductionAreaMapping
{
    public static ProductionAreaResponse ToResponse(this ProductionArea a) => new(
        a.Id, a.OrganizationId, a.Name, a.AreaCode, a.Gln, a.Commune, a.Province, a.Latitude, a.Longitude, a.Hectares, a.CreatedAt, a.UpdatedAt);
}
