using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Organizations;

namespace NangSuat.Trace.Api.ProductionAreas;

/// <summary>A growing or farming area (vùng trồng / vùng nuôi) that lots come from.</summary>
public sealed class ProductionArea : IRegistryRecord
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }

    /// <summary>Mã số vùng trồng, as granted by the plant protection authority.</summary>
    public string? AreaCode { get; set; }
    public string? Gln { get; set; }
    public required string Commune { get; set; }
    public required string Province { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public decimal? Hectares { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    Guid IRegistryRecord.OwnerId => OrganizationId;
}

internal sealed class ProductionAreaConfiguration : IEntityTypeConfiguration<ProductionArea>
{
    public void Configure(EntityTypeBuilder<ProductionArea> entity)
    {
        entity.HasIndex(a => a.OrganizationId);
        entity.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
