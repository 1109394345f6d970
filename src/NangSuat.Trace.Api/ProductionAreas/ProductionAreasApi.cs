using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Gs1;

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
        var group = routes.MapGroup("/api/v1/production-areas").WithTags("Production areas").RequireAuthorization(Roles.AnyReader);
        group.MapPost("/", Create).RequireAuthorization(Roles.Producer).WithSummary("Register a growing or farming area (vùng trồng)");
        group.MapGet("/", List).WithSummary("List production areas (a producer sees its own)");
        group.MapGet("/{id:guid}", Get).WithSummary("Get a production area");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Producer).WithSummary("Replace a production area's details");
        return group;
    }

    private static async Task<Results<Created<ProductionAreaResponse>, ValidationProblem>> Create(
        ProductionAreaRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var area = new ProductionArea { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, Name = "", Commune = "", Province = "", CreatedAt = now };
        if (Apply(request, area, now) is { } invalid)
        {
            return invalid;
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
        return area is null || !caller.CanSee(area.OrganizationId) ? NotFound(id) : TypedResults.Ok(area.ToResponse());
    }

    private static async Task<Results<Ok<ProductionAreaResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ProductionAreaRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var area = await db.ProductionAreas.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == caller.Organization, cancellationToken);
        if (area is null)
        {
            return NotFound(id);
        }

        if (Apply(request, area, clock.GetUtcNow()) is { } invalid)
        {
            return invalid;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(area.ToResponse());
    }

    private static ValidationProblem? Apply(ProductionAreaRequest request, ProductionArea area, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", request.Name);
        var areaCode = errors.Optional("areaCode", request.AreaCode, 50);
        var gln = request.Gln is { Length: > 0 } ? errors.Gs1("gln", Gs1Keys.Gln(request.Gln)) : null;
        var commune = errors.Required("commune", request.Commune, 100);
        var province = errors.Province("province", request.Province);
        errors.Range("latitude", request.Latitude, -90, 90);
        errors.Range("longitude", request.Longitude, -180, 180);
        if (request.Latitude.HasValue != request.Longitude.HasValue)
        {
            errors.Add(request.Latitude.HasValue ? "longitude" : "latitude", "vĩ độ và kinh độ phải đi cùng nhau", "latitude and longitude go together");
        }

        if (request.Hectares is <= 0 or > 1_000_000)
        {
            errors.Add("hectares", "diện tích (ha) phải lớn hơn 0 và không quá 1.000.000", "must be more than 0 and at most 1,000,000 hectares");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        (area.Name, area.AreaCode, area.Gln, area.Commune, area.Province) = (name, areaCode, gln, commune, province);
        (area.Latitude, area.Longitude, area.Hectares, area.UpdatedAt) = (request.Latitude, request.Longitude, request.Hectares, now);
        return null;
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        Problems.NotFound($"Không có vùng sản xuất {id}.", $"There is no production area {id}.");
}

public static class ProductionAreaMapping
{
    public static ProductionAreaResponse ToResponse(this ProductionArea a) => new(
        a.Id, a.OrganizationId, a.Name, a.AreaCode, a.Gln, a.Commune, a.Province, a.Latitude, a.Longitude, a.Hectares, a.CreatedAt, a.UpdatedAt);
}
