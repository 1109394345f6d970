using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;

namespace NangSuat.Trace.Api.Certificates;

public enum CertificateType
{
    VietGap,
    GlobalGap,
    Organic,
    Ocop,
    Iso22000,
    Haccp,
    Other,
}

public enum CertificateStatus
{
    Active,
    Suspended,
    Revoked,
}

/// <summary>What a consumer is told about a certificate today: the stored status combined with its dates.</summary>
public enum CertificateStanding
{
    Valid,
    NotYetValid,
    Expired,
    Suspended,
    Revoked,
}

public sealed class Certificate : IRegistryRecord
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public CertificateType Type { get; set; }
    public required string Number { get; set; }
    public required string Issuer { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }

    /// <summary>Set when the certificate covers one product; with neither subject it covers the organization.</summary>
    public Guid? ProductId { get; set; }
    public Product? Product { get; set; }
    public Guid? ProductionAreaId { get; set; }
    public ProductionArea? ProductionArea { get; set; }
    public CertificateStatus Status { get; set; }

    /// <summary>Why the status last changed (an inspector's words); the history keeps every earlier reason.</summary>
    public string? StatusReason { get; set; }
    public List<CertificateStatusChange> History { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    Guid IRegistryRecord.OwnerId => OrganizationId;

    public CertificateStanding StandingOn(DateOnly today) => Status switch
    {
        CertificateStatus.Revoked => CertificateStanding.Revoked,
        CertificateStatus.Suspended => CertificateStanding.Suspended,
        _ when today > ValidTo => CertificateStanding.Expired,
        _ when today < ValidFrom => CertificateStanding.NotYetValid,
        _ => CertificateStanding.Valid,
    };
}

public sealed class CertificateStatusChange
{
    public Guid Id { get; set; }
    public Guid CertificateId { get; set; }
    public CertificateStatus From { get; set; }
    public CertificateStatus To { get; set; }
    public required string Reason { get; set; }

    /// <summary>Organization of the inspector's token, or null for the portal administrator.</summary>
    public Guid? ChangedByOrganizationId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> entity)
    {
        entity.Property(c => c.Type).HasConversion<string>();
        entity.Property(c => c.Status).HasConversion<string>();
        entity.HasIndex(c => c.OrganizationId);
        entity.HasIndex(c => new { c.Type, c.Number, c.Issuer }).IsUnique();
        entity.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne(c => c.Product).WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne(c => c.ProductionArea).WithMany().HasForeignKey(c => c.ProductionAreaId).OnDelete(DeleteBehavior.Restrict);
        entity.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CertificateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificateStatusChangeConfiguration : IEntityTypeConfiguration<CertificateStatusChange>
{
    public void Configure(EntityTypeBuilder<CertificateStatusChange> entity)
    {
        // New history entries arrive through the certificate's History collection with their id already set.
        entity.Property(h => h.Id).ValueGeneratedNever();
        entity.Property(h => h.From).HasConversion<string>();
        entity.Property(h => h.To).HasConversion<string>();
    }
}
