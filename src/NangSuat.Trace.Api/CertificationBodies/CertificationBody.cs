using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.CertificationBodies;

/// <summary>The standing of a body or one of its designations in the registry.</summary>
public enum RegistryStatus
{
    Active,
    Suspended,
    Revoked,
}

/// <summary>What a designation covers and a certificate may be for: the product groups of VietGAP's three parts and of OCOP's six.</summary>
public enum ProductGroup
{
    Crop,
    Livestock,
    Aquaculture,
    ProcessedFood,
    Beverage,
    Herbal,
    Textile,
    Handicraft,
    Tourism,
    Other,
}

/// <summary>
/// An organization that certifies: a VietGAP certification body, an accredited ISO 22000 or HACCP
/// body, an organic certifier, or the provincial council that rates OCOP products. What it may
/// certify, and since and until when, is in its <see cref="Designations"/>.
/// </summary>
public sealed class CertificationBody : IRegistryRecord, ISearchable, IRegistryStanding
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The code the designating authority gives it (e.g. VietGAP-TT-12-03), unique in the registry.</summary>
    public required string Code { get; set; }
    public required string TaxCode { get; set; }
    public required string Address { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public RegistryStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public List<Designation> Designations { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>A body belongs to no organization: its changes are filed under its own id.</summary>
    Guid IRegistryRecord.OwnerId => Id;

    IEnumerable<string> IRegistryRecord.PublicTags => [PublicTag.CertificationBody(Id)];

    string ISearchable.SearchSource => $"{Name} {Code} {TaxCode}";
}

/// <summary>
/// A decision that lets a body certify: by which authority (the ministry's department for VietGAP
/// crops, livestock or aquaculture, the accreditation office for ISO 22000 or HACCP, the provincial
/// People's Committee for OCOP…), its number and date, the standards and product groups it covers, and
/// the time it is valid. A certificate holds only if its body was designated for it on the day it was issued.
/// </summary>
public sealed class Designation : IRegistryRecord, IRegistryStanding
{
    public Guid Id { get; set; }
    public Guid BodyId { get; set; }
    public CertificationBody? Body { get; set; }
    public required string Authority { get; set; }
    public required string DecisionNumber { get; set; }
    public DateOnly DecisionDate { get; set; }

    /// <summary>Standards by their API names (vietGap, globalGap, organic, ocop, iso22000, haccp, other).</summary>
    public List<string> Standards { get; set; } = [];

    /// <summary>Product groups by their API names (crop, livestock, aquaculture…).</summary>
    public List<string> Scopes { get; set; } = [];
    public DateOnly ValidFrom { get; set; }

    /// <summary>Null when the decision names no end.</summary>
    public DateOnly? ValidTo { get; set; }
    public RegistryStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    Guid IRegistryRecord.OwnerId => BodyId;

    IEnumerable<string> IRegistryRecord.PublicTags => [PublicTag.CertificationBody(BodyId)];

    public bool Covers(CertificateType standard) => Standards.Contains(Json.CamelCase(standard.ToString()));

    public bool InForceOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}

/// <summary>A body's or a designation's change of status, with the reason: the history a chain check reads to know the status on a past day.</summary>
public sealed class RegistryStatusChange
{
    public Guid Id { get; set; }

    /// <summary>The body or designation whose status changed.</summary>
    public Guid SubjectId { get; set; }
    public RegistryStatus From { get; set; }
    public RegistryStatus To { get; set; }
    public required string Reason { get; set; }
    public Guid? ChangedByOrganizationId { get; set; }
    public Guid? ChangedByAccountId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class CertificationBodyConfiguration : IEntityTypeConfiguration<CertificationBody>
{
    public void Configure(EntityTypeBuilder<CertificationBody> entity)
    {
        entity.Property(b => b.Status).HasConversion<string>();
        entity.HasIndex(b => b.Code).IsUnique();
        entity.Property<string?>(ISearchable.KeyProperty);
        entity.HasMany(b => b.Designations).WithOne(d => d.Body).HasForeignKey(d => d.BodyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DesignationConfiguration : IEntityTypeConfiguration<Designation>
{
    public void Configure(EntityTypeBuilder<Designation> entity)
    {
        entity.Property(d => d.Status).HasConversion<string>();
        entity.Property(d => d.Standards).HasJsonTextConversion();
        entity.Property(d => d.Scopes).HasJsonTextConversion();
        entity.HasIndex(d => new { d.BodyId, d.DecisionNumber }).IsUnique();
    }
}

internal sealed class RegistryStatusChangeConfiguration : IEntityTypeConfiguration<RegistryStatusChange>
{
    public void Configure(EntityTypeBuilder<RegistryStatusChange> entity)
    {
        entity.Property(h => h.Id).ValueGeneratedNever();
        entity.Property(h => h.From).HasConversion<string>();
        entity.Property(h => h.To).HasConversion<string>();
        entity.Property(h => h.ChangedAt).HasConversion(at => at.ToUnixTimeMilliseconds(), ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));
        entity.HasIndex(h => h.SubjectId);
    }
}
