using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;

namespace NangSuat.Trace.Api.Lots;

public enum LotStatus
{
    Active,
    Recalled,
}

public sealed class Lot : IRegistryRecord
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
    public Guid ProductId { get; set; }
    public Product? Product { get; set; }

    /// <summary>AI 10 value: 1–20 characters of GS1 character set 82.</summary>
    public required string LotNumber { get; set; }
    public Guid? ProductionAreaId { get; set; }
    public ProductionArea? ProductionArea { get; set; }
    public DateOnly? ProductionDate { get; set; }
    public DateOnly? PackingDate { get; set; }
    public DateOnly? ExpiryDate { get; set; }
    public DateOnly? BestBeforeDate { get; set; }
    public decimal? QuantityValue { get; set; }
    public string? QuantityUnit { get; set; }
    public LotStatus Status { get; set; }
    public string? RecallReason { get; set; }
    public DateTimeOffset? RecalledAt { get; set; }

    /// <summary>When a label for the lot was first printed or downloaded: a lot without one is work the home page names.</summary>
    public DateTimeOffset? LabelledAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    Guid IRegistryRecord.OwnerId => OrganizationId;

    IEnumerable<string> IRegistryRecord.PublicTags => [PublicTag.Product(ProductId)];
}

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>
{
    public void Configure(EntityTypeBuilder<Lot> entity)
    {
        entity.Property(l => l.Status).HasConversion<string>();
        entity.HasIndex(l => new { l.ProductId, l.LotNumber }).IsUnique();
        entity.HasIndex(l => l.OrganizationId);
        entity.HasOne(l => l.Organization).WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne(l => l.ProductionArea).WithMany().HasForeignKey(l => l.ProductionAreaId).OnDelete(DeleteBehavior.Restrict);
    }
}
