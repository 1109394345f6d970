using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Resolver;

namespace NangSuat.Trace.Api.Products;

public static class ProductImagesApi
{
    public static void MapProductImages(this RouteGroupBuilder products, IEndpointRouteBuilder routes)
    {
        products.MapPut("/{id:guid}/image", Upload).RequireAuthorization(Roles.Producer)
            .Accepts<byte[]>("image/jpeg", "image/png", "image/webp")
            .WithSummary("Upload the product photo (JPEG, PNG or WebP, at most 1 MiB) shown on the public pages");
        routes.MapGet("/media/products/{id:guid}", Download).AllowAnonymous().RequireRateLimiting(ResolverApi.CorsPolicy)
            .WithTags("Public pages").WithSummary("A product photo");
    }

    private static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, HttpRequest request, Caller caller, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == caller.Organization, cancellationToken);
        if (product is null)
        {
            return Problems.NotFound($"Không có sản phẩm {id}.", $"There is no product {id}.");
        }

        var declared = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (declared is not ("image/jpeg" or "image/png" or "image/webp"))
        {
            return TypedResults.Problem(Language.Pick("Ảnh phải là JPEG, PNG hoặc WebP.", "The photo must be JPEG, PNG or WebP."),
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: Language.Pick("Định dạng không hỗ trợ.", "Unsupported media type."));
        }

        if (request.ContentLength > ProductImage.MaxBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        var body = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (body is { IsReadOnly: false })
        {
            body.MaxRequestBodySize = ProductImage.MaxBytes + 1;
        }

        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        var bytes = buffer.ToArray();
        var errors = new FieldErrors();
        if (bytes.Length > ProductImage.MaxBytes)
        {
            return TooLarge();
        }

        if (ProductImage.Sniff(bytes) != declared)
        {
            errors.Add("body", $"nội dung không phải ảnh {declared}", $"the content is not a {declared} image");
            return errors.Problem();
        }

        var now = clock.GetUtcNow();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var image = await db.ProductImages.FirstOrDefaultAsync(i => i.ProductId == id, cancellationToken);
        if (image is null)
        {
            db.Add(new ProductImage { ProductId = id, ContentType = declared, Bytes = bytes, Sha256 = hash, UpdatedAt = now });
        }
        else
        {
            (image.ContentType, image.Bytes, image.Sha256, image.UpdatedAt) = (declared, bytes, hash, now);
        }

        // The version in the URL lets browsers keep the photo for a year and still see a new one at once.
        (product.ImageUrl, product.UpdatedAt) = ($"/media/products/{id}?v={hash[..12]}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(product.ToResponse(links));
    }

    private static async Task<IResult> Download(Guid id, HttpContext context, TraceDb db, CancellationToken cancellationToken)
    {
        var image = await db.ProductImages.AsNoTracking().FirstOrDefaultAsync(i => i.ProductId == id, cancellationToken);
        if (image is null)
        {
            return Problems.NotFound("Sản phẩm chưa có ảnh.", "This product has no photo.");
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(image.Bytes, image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.Sha256}\""));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(Language.Pick("Ảnh tối đa 1 MiB.", "The photo may be at most 1 MiB."),
            statusCode: StatusCodes.Status413PayloadTooLarge, title: Language.Pick("Ảnh quá lớn.", "Photo too large."));
}
