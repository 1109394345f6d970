using System.Text.Json;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Api.Audit;

/// <summary>
/// What the log hashes of an audit entry: every field, its log index included, in canonical JSON
/// (RFC 8785). The changes stay the JSON text the entry stored, so no reading of them can alter a byte.
/// </summary>
public static class LogEntries
{
    public static byte[] Canonical(AuditEntry entry, long index)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("index", index);
            json.WriteString("id", entry.Id);
            json.WriteNumber("at", entry.At.ToUnixTimeMilliseconds());
            json.WriteStartObject("actor");
            json.WriteString("role", entry.ActorRole);
            WriteId(json, "tokenId", entry.ActorTokenId);
            WriteId(json, "accountId", entry.ActorAccountId);
            WriteId(json, "organizationId", entry.ActorOrganizationId);
            json.WriteEndObject();
            json.WriteString("entity", entry.Entity);
            json.WriteString("entityId", entry.EntityId);
            json.WriteString("organizationId", entry.OrganizationId);
            json.WriteString("action", entry.Action);
            json.WriteString("changes", entry.Changes);
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return CanonicalJson.Serialize(document.RootElement);
    }

    public static byte[] LeafHash(AuditEntry entry, long index) => MerkleTree.LeafHash(Canonical(entry, index));

    private static void WriteId(Utf8JsonWriter json, string name, Guid? id)
    {
        if (id is { } value)
        {
            json.WriteString(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
