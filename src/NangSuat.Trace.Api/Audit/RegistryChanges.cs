using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Audit;

/// <summary>
/// The one write seam of the registry. Whatever endpoint or form saves a registry record, this
/// bumps its version (so a racing writer is refused), adds its audit entry to the same save, and
/// once the change is committed evicts the cached public answers that show it.
/// </summary>
public sealed class RegistryChanges(IHttpContextAccessor http, TimeProvider clock, PublicAnswerCache cache, LogWakeup logWakeup) : SaveChangesInterceptor
{
    private static readonly HashSet<string> NotAudited = ["Id", "CreatedAt", "UpdatedAt", "Version", "Hash", "PasswordHash", "SecurityStamp", ISearchable.KeyProperty];
    private static readonly JsonSerializerOptions ValueJson = CreateValueJson();

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    /// <summary>Evicts after the surrounding transaction commits, when the save ran inside one.</summary>
    public DbTransactionInterceptor Commits => new CommitInterceptor(this);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context!);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context!);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context!);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context!);

    private void Record(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.Entity is IRegistryRecord && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var pending = _pending.GetOrCreateValue(db);
        var actor = Actor();
        var now = clock.GetUtcNow();
        foreach (var entry in changed)
        {
            var record = (IRegistryRecord)entry.Entity;
            if (entry.Entity is ISearchable searchable && entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Property(ISearchable.KeyProperty).CurrentValue = SearchText.Fold(searchable.SearchSource);
            }

            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(nameof(IRegistryRecord.Version));
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }

            var audit = new AuditEntry
            {
                Id = Guid.CreateVersion7(now), At = now, ActorRole = actor.Role, ActorTokenId = actor.TokenId, ActorAccountId = actor.AccountId, ActorOrganizationId = actor.OrganizationId,
                Entity = Json.CamelCase(entry.Metadata.ClrType.Name), EntityId = record.Id, OrganizationId = record.OwnerId,
                Action = Action(entry), Changes = Changes(entry),
            };
            db.Add(audit);
            pending.Audits.Add(audit);
            pending.Tags.UnionWith(record.PublicTags);
        }
    }

    private void Saved(DbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            Commit(db);
        }
        else if (_pending.TryGetValue(db, out var pending))
        {
            pending.Audits.Clear(); // saved; the transaction decides the rest
        }
    }

    private void Failed(DbContext db)
    {
        if (_pending.TryGetValue(db, out var pending))
        {
            // A failed save writes nothing; its entries must not ride along with a retry.
            foreach (var audit in pending.Audits)
            {
                db.Entry(audit).State = EntityState.Detached;
            }

            pending.Audits.Clear();
            if (db.Database.CurrentTransaction is null)
            {
                pending.Tags.Clear();
            }
        }
    }

    private void Commit(DbContext db)
    {
        if (_pending.TryGetValue(db, out var pending))
        {
            logWakeup.Ring(); // its audit entries are committed: the log can take them in
            cache.Evict(pending.Tags);
            pending.Tags.Clear();
            pending.Audits.Clear();
        }
    }

    private void RolledBack(DbContext db)
    {
        if (_pending.TryGetValue(db, out var pending))
        {
            pending.Tags.Clear();
            pending.Audits.Clear();
        }
    }

    private (string Role, Guid? TokenId, Guid? AccountId, Guid? OrganizationId) Actor()
    {
        var user = http.HttpContext?.User;
        if (user?.FindFirstValue(ClaimTypes.Role) is not { } role)
        {
            return ("system", null, null, null);
        }

        return (role,
            Guid.TryParse(user.FindFirstValue(Roles.TokenClaim), out var token) ? token : null,
            Guid.TryParse(user.FindFirstValue(Roles.AccountClaim), out var account) ? account : null,
            Guid.TryParse(user.FindFirstValue(Roles.OrganizationClaim), out var organization) ? organization : null);
    }

    private static string Action(EntityEntry entry) => entry.State switch
    {
        EntityState.Added => "created",
        EntityState.Deleted => "deleted",
        _ when entry.Properties.FirstOrDefault(p => p.Metadata.Name == "Status" && p.IsModified) is { } status =>
            status.CurrentValue?.ToString() == "Active" ? "reinstated" : Json.CamelCase(status.CurrentValue?.ToString() ?? "updated"),
        _ when entry.Properties.Any(p => p.Metadata.Name == "RevokedAt" && p.IsModified && p.OriginalValue is null) => "revoked",
        // An organization's standing is a moment, not a status column: setting it suspends, clearing it reinstates.
        _ when entry.Properties.FirstOrDefault(p => p.Metadata.Name == "SuspendedAt" && p.IsModified) is { } suspended =>
            suspended.CurrentValue is null ? "reinstated" : "suspended",
        _ => "updated",
    };

    private static string Changes(EntityEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ValueJson.Encoder }))
        {
            json.WriteStartObject();
            foreach (var property in entry.Properties.Where(p => !NotAudited.Contains(p.Metadata.Name)))
            {
                var name = Json.CamelCase(property.Metadata.Name);
                if (entry.State == EntityState.Added)
                {
                    json.WritePropertyName(name);
                    JsonSerializer.Serialize(json, property.CurrentValue, ValueJson);
                }
                else if (entry.State == EntityState.Modified && property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                {
                    json.WriteStartObject(name);
                    json.WritePropertyName("from");
                    JsonSerializer.Serialize(json, property.OriginalValue, ValueJson);
                    json.WritePropertyName("to");
                    JsonSerializer.Serialize(json, property.CurrentValue, ValueJson);
                    json.WriteEndObject();
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static JsonSerializerOptions CreateValueJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        return options;
    }

    private sealed class Pending
    {
        public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);

        public List<AuditEntry> Audits { get; } = [];
    }

    private sealed class CommitInterceptor(RegistryChanges changes) : DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            changes.Commit(eventData.Context!);
            return Task.CompletedTask;
        }

        public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => changes.Commit(eventData.Context!);

        public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            changes.RolledBack(eventData.Context!);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => changes.RolledBack(eventData.Context!);
    }
}
