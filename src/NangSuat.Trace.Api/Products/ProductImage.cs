using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
    public static string? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> entity)
    {
        entity.HasKey(i => i.ProductId);
        entity.HasOne<Product>().WithOne().HasForeignKey<ProductImage>(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
