using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Products;

/// <summary>A product photo kept on the portal, so public pages never load anything from another host.</summary>
public sealed class ProductImage
{
    public Guid ProductId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }

    /// <summary>Hex SHA-256 of the bytes: the ETag, and the version in the product's image URL.</summary>
    public required string Sha256 { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const int MaxBytes = 1024 * 1024;

    /// <summary>The type the bytes really are (by their signature), or null for anything but JPEG, PNG or WebP.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) => Infrastructure.UploadedFiles.SniffImage(bytes);

    /// <summary>Makes these bytes the product's photo (replacing any before) and points the public pages at it; the caller saves.</summary>
    public static async Task KeepAsync(Data.TraceDb db, Product product, byte[] bytes, string contentType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var image = await db.ProductImages.FirstOrDefaultAsync(i => i.ProductId == product.Id, cancellationToken);
        if (image is null)
        {
            db.Add(new ProductImage { ProductId = product.Id, ContentType = contentType, Bytes = bytes, Sha256 = hash, UpdatedAt = now });
        }
        else
        {
            (image.ContentType, image.Bytes, image.Sha256, image.UpdatedAt) = (contentType, bytes, hash, now);
        }

        (product.ImageUrl, product.UpdatedAt) = (PublicPaths.ProductPhoto(product.Id, hash), now);
    }

    /// <summary>Takes the photo off the product and its public pages; the caller saves.</summary>
    public static async Task RemoveAsync(Data.TraceDb db, Product product, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.ProductImages.FirstOrDefaultAsync(i => i.ProductId == product.Id, cancellationToken) is { } image)
        {
            db.ProductImages.Remove(image);
        }

        (product.ImageUrl, product.UpdatedAt) = (null, now);
    }
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> entity)
    {
        entity.HasKey(i => i.ProductId);
        entity.HasOne<Product>().WithOne().HasForeignKey<ProductImage>(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
