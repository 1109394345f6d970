using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NangSuat.Trace.Api.Audit;

/// <summary>
/// One change to the registry: who made it, to what, when, and the values it changed. Written in
/// the same transaction as the change, so a change is never without its entry, nor an entry
/// without its change.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>A version 7 GUID: ordering by id is ordering by time.</summary>
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>admin, producer, inspector, or system (the portal itself: demo data, start-up).</summary>
    public required string ActorRole { get; set; }

    /// <summary>The access token the change came with; null for the bootstrap administrator and the system.</summary>
    public Guid? ActorTokenId { get; set; }

    /// <summary>The portal account the change came from; null for tokens, the bootstrap administrator and the system.</summary>
    public Guid? ActorAccountId { get; set; }
    public Guid? ActorOrganizationId { get; set; }

    /// <summary>What kind of record: organization, product, productionArea, certificate, lot, serialBatch, apiToken, account, oneTimeLink.</summary>
    public required string Entity { get; set; }
    public Guid EntityId { get; set; }

    /// <summary>The organization the changed record belongs to.</summary>
    public Guid OrganizationId { get; set; }

    /// <summary>created, updated, recalled, suspended, revoked, reinstated or deleted; for accounts also signedIn, signInFailed, lockedOut and signedOut.</summary>
    public required string Action { get; set; }

    /// <summary>A JSON object: each value of a new record, or {"from", "to"} for each changed one.</summary>
    public required string Changes { get; set; }

    /// <summary>The entry's index in the transparency log; null for the moment between its commit and the log taking it in.</summary>
    public long? LogIndex { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entity)
    {
        // Milliseconds since 1970, so both providers can compare and order the moment in SQL.
        entity.Property(a => a.At).HasConversion(at => at.ToUnixTimeMilliseconds(), ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));
        entity.HasIndex(a => a.At);
        entity.HasIndex(a => new { a.Entity, a.EntityId });
        entity.HasIndex(a => a.OrganizationId);
        // Unique, so an index is given once; the log finds what it has not taken in through the same index (its nulls).
        entity.HasIndex(a => a.LogIndex).IsUnique();
    }
}
