using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Organizations;

namespace NangSuat.Trace.Api.Accounts;

public enum AccountRole
{
    Producer,
    Inspector,
    Admin,
}

/// <summary>
/// A person who signs in to the portal, belonging to one organization with one role. Only the
/// framework's password hash is kept; the security stamp changes whenever a password is set or the
/// account is disabled, which ends every session signed in before.
/// </summary>
public sealed class Account : IRegistryRecord, Infrastructure.ISearchable
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>Lower-case, trimmed: the sign-in name.</summary>
    public required string Email { get; set; }

    /// <summary>Digits only, in the national form (0912345678); a second sign-in name when given.</summary>
    public string? Phone { get; set; }
    public required string DisplayName { get; set; }
    public AccountRole Role { get; set; }

    /// <summary>A producer who may invite and remove colleagues of the organization.</summary>
    public bool IsOwner { get; set; }
    public required string PasswordHash { get; set; }
    public Guid SecurityStamp { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Disables the account (a moment) or lets it in again (null); a change ends every session it has. False when nothing changed.</summary>
    public bool SetDisabled(DateTimeOffset? at)
    {
        if ((DisabledAt is null) == (at is null))
        {
            return false;
        }

        (DisabledAt, SecurityStamp) = (at, Guid.NewGuid());
        return true;
    }
    public DateTimeOffset? LastSignInAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    Guid IRegistryRecord.OwnerId => OrganizationId;

    string Infrastructure.ISearchable.SearchSource => $"{DisplayName} {Email} {Phone}";

    IEnumerable<string> IRegistryRecord.PublicTags => [];
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> entity)
    {
        entity.Property(a => a.Role).HasConversion<string>();
        entity.Property<string?>(Infrastructure.ISearchable.KeyProperty);
        entity.HasIndex(a => a.Email).IsUnique();
        entity.HasIndex(a => a.Phone).IsUnique();
        entity.HasIndex(a => a.OrganizationId);
        entity.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
