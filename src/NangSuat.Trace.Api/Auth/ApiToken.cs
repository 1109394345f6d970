using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Organizations;

namespace NangSuat.Trace.Api.Auth;

public enum TokenRole
{
    Producer,
    Inspector,
}

/// <summary>An access token handed to an organization; only its SHA-256 hash is kept.</summary>
public sealed class ApiToken : IRegistryRecord
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public TokenRole Role { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The person who made it in the portal: disabling that account revokes the token too. Null for a token an administrator issued by the API.</summary>
    public Guid? CreatedByAccountId { get; set; }
    public int Version { get; set; }

    Guid IRegistryRecord.OwnerId => OrganizationId;

    IEnumerable<string> IRegistryRecord.PublicTags => [];

    /// <summary>Revokes the token from this moment; false when it was revoked already. The caller saves.</summary>
    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        return true;
    }

    /// <summary>A new token with 256 bits from the system CSPRNG; the plain text is shown once.</summary>
    public static string NewSecret() => "nst_" + Secrets.New();

    public static string HashOf(string secret) => Secrets.HashOf(secret);

    /// <summary>A new token and its secret, which only the answer that issues it shows.</summary>
    public static (ApiToken Token, string Secret) Issue(Guid organizationId, TokenRole role, DateTimeOffset now, Guid? createdBy = null)
    {
        var secret = NewSecret();
        return (new ApiToken { Id = Guid.CreateVersion7(now), OrganizationId = organizationId, Role = role, Hash = HashOf(secret), CreatedAt = now, CreatedByAccountId = createdBy }, secret);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> entity)
    {
        entity.Property(t => t.Role).HasConversion<string>();
        entity.HasIndex(t => t.Hash).IsUnique();
        entity.HasOne(t => t.Organization).WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
