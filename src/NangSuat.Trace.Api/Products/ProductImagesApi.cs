using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Products;

/// <summary>The product photo a public page shows, uploaded to the portal so the page asks no other host.</summary>
public static class ProductImagesApi
{
    public static void MapProductImages(this RouteGroupBuilder products)
    {
        products.MapPut("/{id:guid}/image", Upload).RequireAuthorization(Roles.Producer)
            .Accepts<byte[]>("image/jpeg", "image/png", "image/webp")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("UploadProductImage").WithSummary("Upload the product photo (JPEG, PNG or WebP, at most 1 MiB) shown on the public pages");
        products.MapDelete("/{id:guid}/image", Remove).RequireAuthorization(Roles.Producer).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DeleteProductImage").WithSummary("Remove the product photo from the public pages");
    }

    private static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, HttpRequest request, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == caller.Organization, cancellationToken);
        if (product is null)
        {
            return Problems.NotFound(RecordKind.Product, id);
        }

        var declared = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (declared is not ("image/jpeg" or "image/png" or "image/webp"))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Ảnh phải là JPEG, PNG hoặc WebP.", "The photo must be JPEG, PNG or WebP.");
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
        if (bytes.Length > ProductImage.MaxBytes)
        {
            return TooLarge();
        }

        if (ProductImage.Sniff(bytes) != declared)
        {
            var errors = new FieldErrors();
            errors.Add("body", $"nội dung không phải ảnh {declared}", $"the content is not a {declared} image");
            return errors.Problem();
        }

        await ProductImage.KeepAsync(db, product, bytes, declared, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(product.ToResponse(urls));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Remove(
        Guid id, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == caller.Organization, cancellationToken);
        if (product is null)
        {
            return Problems.NotFound(RecordKind.Product, id);
        }

        await ProductImage.RemoveAsync(db, product, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(product.ToResponse(urls));
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Ảnh tối đa 1 MiB.", "The photo may be at most 1 MiB.");
}
