using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Products;

public sealed record LocalizedName(string? Vi, string? En);

public sealed record ProductRequest(
    string? Gtin, LocalizedName? Name, string? Description, string? ImageUrl, string? Category, string? Brand,
    List<string>? Standards, int? OcopStars, List<string>? ExportMarkets, string? Group = null);

public sealed record ProductResponse(
    Guid Id, Guid OrganizationId, string Gtin, LocalizedName Name, string? Description, string? ImageUrl, string? Category,
    string? Brand, IReadOnlyList<string> Standards, int? OcopStars, IReadOnlyList<string> ExportMarkets, string DigitalLink,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Group);

public static class ProductsApi
{
    public static RouteGroupBuilder MapProducts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/products").WithTags("Products").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).RequireAuthorization(Roles.Producer).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateProduct").WithSummary("Register a product (GTIN) of the caller's organization");
        group.MapGet("/", List).WithName("ListProducts").WithSummary("List products (a producer sees its own)");
        group.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetProduct").WithSummary("Get a product");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Producer)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateProduct").WithSummary("Replace a product's details; the GTIN cannot change");
        group.MapProductImages();
        return group;
    }

    private static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ProductRequest request, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == caller.Organization, cancellationToken);
        var errors = new FieldErrors();
        if (ProductRules.Create(request, organization, clock.GetUtcNow(), errors) is not { } product)
        {
            return errors.Problem();
        }

        if (await db.Products.AnyAsync(p => p.Gtin == product.Gtin, cancellationToken))
        {
            return GtinTaken(product.Gtin);
        }

        db.Products.Add(product);
        return await db.TrySaveUniqueAsync(cancellationToken)
            ? TypedResults.Created($"/api/v1/products/{product.Id}", product.ToResponse(urls))
            : GtinTaken(product.Gtin);
    }

    private static async Task<Results<Ok<PagedList<ProductResponse>>, ValidationProblem>> List(
        [AsParameters] Paging paging, string? gtin, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        var gtin14 = gtin is null ? null : errors.Gs1("gtin", Gs1Keys.Gtin(gtin));
        if (errors.Any)
        {
            return errors.Problem();
        }

        var query = db.Products.AsNoTracking().Where(p => caller.SeesAll || p.OrganizationId == caller.OrganizationId);
        if (gtin14 is not null)
        {
            query = query.Where(p => p.Gtin == gtin14);
        }

        return TypedResults.Ok(await paging.ToPageAsync(query.OrderBy(p => p.Id), p => p.ToResponse(urls), cancellationToken));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null || !caller.CanSee(product.OrganizationId) ? Problems.NotFound(RecordKind.Product, id) : TypedResults.Ok(product.ToResponse(urls));
    }

    private static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ProductRequest request, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == caller.Organization, cancellationToken);
        if (product is null)
        {
            return Problems.NotFound(RecordKind.Product, id);
        }

        var errors = new FieldErrors();
        if (!ProductRules.Change(request, product, clock.GetUtcNow(), errors))
        {
            return errors.Problem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(product.ToResponse(urls));
    }

    private static ProblemHttpResult GtinTaken(string gtin) =>
        Problems.Conflict($"GTIN {gtin} đã được đăng ký.", $"GTIN {gtin} is already registered.");
}

public static class ProductMapping
{
    public static ProductResponse ToResponse(this Product p, PublicUrls urls) => new(
        p.Id, p.OrganizationId, p.Gtin, new LocalizedName(p.NameVi, p.NameEn), p.Description, p.ImageUrl, p.Category, p.Brand,
        p.Standards, p.OcopStars, p.ExportMarkets, urls.For(new DigitalLink(p.Gtin)), p.CreatedAt, p.UpdatedAt, p.Group);
}
