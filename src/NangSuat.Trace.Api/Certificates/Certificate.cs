using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
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
    /// <summary>The issuer as typed; when <see cref="BodyId"/> is set, the registry's body is the issuer that counts.</summary>
    public required string Issuer { get; set; }

    /// <summary>The certification body from the registry; null for a certificate registered before the registry, "issuer not in the registry" until an inspector links it.</summary>
    public Guid? BodyId { get; set; }
    public CertificationBodies.CertificationBody? Body { get; set; }

    /// <summary>The day the body issued (or the council rated) it; the validity's start when not given.</summary>
    public DateOnly? IssuedOn { get; set; }

    /// <summary>For an OCOP rating: its stars.</summary>
    public int? OcopStars { get; set; }

    /// <summary>Further products, product groups and areas the certificate covers, beside the one subject of <see cref="ProductId"/> or <see cref="ProductionAreaId"/>.</summary>
    public List<Guid> ScopeProductIds { get; set; } = [];
    public List<string> ScopeProductGroups { get; set; } = [];
    public List<Guid> ScopeAreaIds { get; set; } = [];
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

    public DateOnly IssuedOnOrFrom => IssuedOn ?? ValidFrom;

    /// <summary>Every product the scope names, the one subject included.</summary>
    public IReadOnlyList<Guid> ProductsInScope => ProductId is { } one ? [one, .. ScopeProductIds.Where(p => p != one)] : ScopeProductIds;

    public IReadOnlyList<Guid> AreasInScope => ProductionAreaId is { } one ? [one, .. ScopeAreaIds.Where(a => a != one)] : ScopeAreaIds;

    /// <summary>
    /// Whether a page about this product (and, on a lot's page, this area) shows the certificate: one for the
    /// whole holder always; one naming the product, its group or the area. Whether its scope truly covers
    /// both is then the chain's to say (scopeCoversProduct, scopeCoversArea), not this filter's to hide.
    /// </summary>
    public bool AppliesTo(Guid productId, string? productGroup, Guid? areaId) =>
        (ProductsInScope.Count == 0 && ScopeProductGroups.Count == 0 && AreasInScope.Count == 0)
        || ProductsInScope.Contains(productId)
        || (productGroup is not null && ScopeProductGroups.Contains(productGroup))
        || (areaId is { } area && AreasInScope.Contains(area));

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
        entity.HasOne(c => c.Body).WithMany().HasForeignKey(c => c.BodyId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(c => c.ScopeProductIds).HasJsonTextConversion();
        entity.Property(c => c.ScopeProductGroups).HasJsonTextConversion();
        entity.Property(c => c.ScopeAreaIds).HasJsonTextConversion();
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
