using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;

namespace NangSuat.Trace.Api.Accounts;

public enum LinkPurpose
{
    /// <summary>A new person of an organization sets a password and so creates an account.</summary>
    Invitation,

    /// <summary>An administrator hands an existing account a way back in.</summary>
    PasswordReset,
}

/// <summary>
/// An invitation or a password reset handed over on paper or in a chat instead of by e-mail (a pilot
/// has no mail server). Only the hash of its secret is kept; it works once, before it expires.
/// </summary>
public sealed class OneTimeLink : IRegistryRecord
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromDays(1);

    public Guid Id { get; set; }
    public LinkPurpose Purpose { get; set; }
    public required string Hash { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>The account a reset is for; for an invitation, the account it created once used.</summary>
    public Guid? AccountId { get; set; }
    public AccountRole Role { get; set; }
    public bool IsOwner { get; set; }

    /// <summary>Who the link is for, as the one who made it wrote it; prefilled on the page.</summary>
    public string? DisplayName { get; set; }
    public Guid? CreatedByAccountId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public int Version { get; set; }

    Guid IRegistryRecord.OwnerId => OrganizationId;

    IEnumerable<string> IRegistryRecord.PublicTags => [];

    public bool WorksAt(DateTimeOffset now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;

    public static string NewSecret() => Auth.Secrets.New();

    public static string HashOf(string secret) => Auth.Secrets.HashOf(secret);
}

internal sealed class OneTimeLinkConfiguration : IEntityTypeConfiguration<OneTimeLink>
{
    public void Configure(EntityTypeBuilder<OneTimeLink> entity)
    {
        entity.Property(l => l.Purpose).HasConversion<string>();
        entity.Property(l => l.Role).HasConversion<string>();
        entity.HasIndex(l => l.Hash).IsUnique();
        entity.HasIndex(l => l.OrganizationId);
        entity.HasOne<Organizations.Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
