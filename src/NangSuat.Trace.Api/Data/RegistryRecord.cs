namespace NangSuat.Trace.Api.Data;

/// <summary>
/// A record of the registry (an organization and what it registers): every change to it is
/// audited, guarded by its <see cref="Version"/> against a racing change, and evicted from the
/// public answers that show it.
/// </summary>
public interface IRegistryRecord
{
    Guid Id { get; }

    /// <summary>The organization the record belongs to (an organization's own id for itself).</summary>
    Guid OwnerId { get; }

    /// <summary>Counts the record's changes; a write made from an older version is refused.</summary>
    int Version { get; set; }

    /// <summary>Tags of the cached public answers that show this record.</summary>
    IEnumerable<string> PublicTags => [PublicTag.Organization(OwnerId)];
}

/// <summary>Names of the tags public answers carry, so a change can evict exactly the answers that show it.</summary>
public static class PublicTag
{
    public static string Organization(Guid id) => $"org:{id:N}";

    public static string Product(Guid id) => $"product:{id:N}";

    public static string Gtin(string gtin14) => $"gtin:{gtin14}";

    public static string CertificationBody(Guid id) => $"body:{id:N}";
}
