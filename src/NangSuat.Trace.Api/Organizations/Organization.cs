using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;

namespace NangSuat.Trace.Api.Organizations;

public enum OrganizationKind
{
    Enterprise,
    Cooperative,
    Household,

    /// <summary>A state body: the Department of Science and Technology, the agriculture department, an inspectorate.</summary>
    Authority,
}

public sealed class Organization : IRegistryRecord, Infrastructure.ISearchable
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string TaxCode { get; set; }
    public OrganizationKind Kind { get; set; }
    public string? Gs1CompanyPrefix { get; set; }
    public string? Gln { get; set; }
    public string? Street { get; set; }
    public required string Commune { get; set; }
    public required string Province { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// When an administrator suspended the organization: its people cannot sign in and its tokens are
    /// refused until it is reinstated. What it registered stays, and its labels still resolve.
    /// </summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>Why it was last suspended or reinstated; the audit record keeps every earlier reason.</summary>
    public string? StatusReason { get; set; }
    public int Version { get; set; }

    public bool IsSuspended => SuspendedAt is not null;

    Guid IRegistryRecord.OwnerId => Id;

    string Infrastructure.ISearchable.SearchSource => $"{Name} {TaxCode} {Commune}";

    public string Address => string.Join(", ", new[] { Street, Commune, Province }.Where(p => !string.IsNullOrEmpty(p)));
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> entity)
    {
        entity.Property<string?>(Infrastructure.ISearchable.KeyProperty);
        entity.Ignore(o => o.Address);
        entity.Ignore(o => o.IsSuspended);
        entity.Property(o => o.StatusReason).HasMaxLength(OrganizationRules.MaxReasonLength);
        entity.Property(o => o.Kind).HasConversion<string>();
        entity.HasIndex(o => o.TaxCode).IsUnique();
    }
}
