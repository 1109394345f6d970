using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Products;

public sealed record LocalizedName(string? Vi, string? En);

public sealed record ProductRequest(
    string? Gtin, LocalizedName? Name, string? Description, string? ImageUrl, string? Category, string? Brand,
    List<string>? Standards, int? OcopStars, List<string>? ExportMarkets);

public sealed record ProductResponse(
    Guid Id, Guid OrganizationId, string Gtin, LocalizedName Name, string? Description, string? ImageUrl, string? Category,
    string? Brand, IReadOnlyList<string> Standards, int? OcopStars, IReadOnlyList<string> ExportMarkets, string DigitalLink,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class ProductsApi
{
    public static RouteGroupBuilder MapProducts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/products").WithTags("Products").RequireAuthorization(Roles.AnyReader);
        group.MapPost("/", Create).RequireAuthorization(Roles.Producer).WithSummary("Register a product (GTIN) of the caller's organization");
        group.MapGet("/", List).WithSummary("List products (a producer sees its own)");
        group.MapGet("/{id:guid}", Get).WithSummary("Get a product");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Producer).WithSummary("Replace a product's details; the GTIN cannot change");
        group.MapProductImages(routes);
        return group;
    }

    private static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ProductRequest request, Caller caller, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == caller.Organization, cancellationToken);
        var errors = new FieldErrors();
        var gtin = errors.Gs1("gtin", Gs1Keys.Gtin(request.Gtin));
        if (gtin is not null && organization.Gs1CompanyPrefix is { } prefix && !Gs1Keys.IsUnderPrefix(gtin, prefix))
        {
            errors.Add("gtin", $"GTIN phải bắt đầu bằng mã doanh nghiệp GS1 {prefix} của tổ chức", $"must start with the organization's GS1 company prefix {prefix}");
        }

        var now = clock.GetUtcNow();
        var product = new Product { Id = Guid.CreateVersion7(now), OrganizationId = organization.Id, Gtin = gtin ?? "", NameVi = "", CreatedAt = now };
        Apply(request, product, now, errors);
        if (errors.Any)
        {
            return errors.Problem();
        }

        if (await db.Products.AnyAsync(p => p.Gtin == product.Gtin, cancellationToken))
        {
            return GtinTaken(product.Gtin);
        }

        db.Products.Add(product);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return GtinTaken(product.Gtin);
        }

        return TypedResults.Created($"/api/v1/products/{product.Id}", product.ToResponse(links));
    }

    private static async Task<Results<Ok<PagedList<ProductResponse>>, ValidationProblem>> List(
        [AsParameters] Paging paging, string? gtin, Caller caller, TraceDb db, ResolverLinks links, CancellationToken cancellationToken)
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

        return TypedResults.Ok(await paging.ToPageAsync(query.OrderBy(p => p.Id), p => p.ToResponse(links), cancellationToken));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, TraceDb db, ResolverLinks links, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null || !caller.CanSee(product.OrganizationId) ? NotFound(id) : TypedResults.Ok(product.ToResponse(links));
    }

    private static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ProductRequest request, Caller caller, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == caller.Organization, cancellationToken);
        if (product is null)
        {
            return NotFound(id);
        }

        var errors = new FieldErrors();
        if (request.Gtin is not null && Gs1Keys.Gtin(request.Gtin).Value != product.Gtin)
        {
            errors.Add("gtin", "không thể đổi GTIN của sản phẩm đã đăng ký; hãy đăng ký sản phẩm mới", "a registered product's GTIN cannot change; register a new product instead");
        }

        Apply(request, product, clock.GetUtcNow(), errors);
        if (errors.Any)
        {
            return errors.Problem();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(product.ToResponse(links));
    }

    private static void Apply(ProductRequest request, Product product, DateTimeOffset now, FieldErrors errors)
    {
        var nameVi = errors.Required("name.vi", request.Name?.Vi);
        var nameEn = errors.Optional("name.en", request.Name?.En);
        var description = errors.Optional("description", request.Description, 4000);
        var imageUrl = errors.Optional("imageUrl", request.ImageUrl, 1000);
        if (imageUrl is not null && !(Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps) && !imageUrl.StartsWith('/'))
        {
            errors.Add("imageUrl", "phải là địa chỉ https:// hoặc đường dẫn trên cổng (bắt đầu bằng /)", "must be an https:// address or a path on this portal (starting with /)");
        }

        var standards = Texts(errors, "standards", request.Standards, 200);
        var markets = Texts(errors, "exportMarkets", request.ExportMarkets, 100);
        for (var i = 0; i < markets.Count; i++)
        {
            markets[i] = markets[i].ToUpperInvariant();
            if (markets[i].Length != 2 || !markets[i].All(char.IsAsciiLetterUpper))
            {
                errors.Add($"exportMarkets[{i}]", "phải là mã quốc gia 2 chữ cái ISO 3166 (vd JP, US, EU)", "must be a 2-letter ISO 3166 country code (e.g. JP, US, EU)");
            }
        }

        if (request.OcopStars is { } stars && stars is < 3 or > 5)
        {
            errors.Add("ocopStars", "hạng sao OCOP chỉ có 3, 4 hoặc 5 sao", "an OCOP rating is 3, 4 or 5 stars");
        }

        (product.NameVi, product.NameEn, product.Description, product.ImageUrl) = (nameVi, nameEn, description, imageUrl);
        (product.Category, product.Brand) = (errors.Optional("category", request.Category), errors.Optional("brand", request.Brand));
        (product.Standards, product.ExportMarkets, product.OcopStars, product.UpdatedAt) = (standards, markets, request.OcopStars, now);
    }

    private static List<string> Texts(FieldErrors errors, string field, List<string>? values, int maxLength)
    {
        var result = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = errors.Required($"{field}[{i}]", values![i], maxLength);
            if (value.Length > 0 && !result.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value);
            }
        }

        if (result.Count > 30)
        {
            errors.Add(field, "tối đa 30 mục", "at most 30 entries");
        }

        return result;
    }

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"Không có sản phẩm {id}.", $"There is no product {id}.");

    private static ProblemHttpResult GtinTaken(string gtin) =>
        Problems.Conflict($"GTIN {gtin} đã được đăng ký.", $"GTIN {gtin} is already registered.");
}

public static class ProductMapping
{
    public static ProductResponse ToResponse(this Product p, ResolverLinks links) => new(
        p.Id, p.OrganizationId, p.Gtin, new LocalizedName(p.NameVi, p.NameEn), p.Description, p.ImageUrl, p.Category, p.Brand,
        p.Standards, p.OcopStars, p.ExportMarkets, links.For(new DigitalLink(p.Gtin)), p.CreatedAt, p.UpdatedAt);
}
