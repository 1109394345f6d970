using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations;

namespace NangSuat.Trace.Api.Products;

public sealed class Product : IRegistryRecord, Infrastructure.ISearchable
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>Always the 14-digit form.</summary>
    public required string Gtin { get; set; }
    public required string NameVi { get; set; }
    public string? NameEn { get; set; }
    public string? Description { get; set; }
    public string? ImageUrl { get; set; }
    public string? Category { get; set; }
    public string? Brand { get; set; }
    public List<string> Standards { get; set; } = [];
    public int? OcopStars { get; set; }

    /// <summary>The product group by its API name (crop, livestock…): what a certificate's or a designation's scope speaks of.</summary>
    public string? Group { get; set; }
    public List<string> ExportMarkets { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    Guid IRegistryRecord.OwnerId => OrganizationId;

    IEnumerable<string> IRegistryRecord.PublicTags => [PublicTag.Product(Id), PublicTag.Gtin(Gtin)];

    string Infrastructure.ISearchable.SearchSource => $"{NameVi} {NameEn} {Brand} {Category} {Gtin}";
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> entity)
    {
        entity.Property<string?>(Infrastructure.ISearchable.KeyProperty);
        entity.HasIndex(p => p.Gtin).IsUnique();
        entity.HasIndex(p => p.OrganizationId);
        entity.Property(p => p.Standards).HasJsonTextConversion();
        entity.Property(p => p.ExportMarkets).HasJsonTextConversion();
        entity.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
