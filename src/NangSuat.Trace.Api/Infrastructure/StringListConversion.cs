using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NangSuat.Trace.Api.Infrastructure;

public static class StringListConversion
{
    /// <summary>
    /// Stores a short list as a JSON text column so both providers share one column type
    /// (Npgsql would otherwise choose text[] and SQLite a JSON string).
    /// </summary>
    public static PropertyBuilder<List<string>> HasJsonTextConversion(this PropertyBuilder<List<string>> property) =>
        property.HasConversion(
            list => JsonSerializer.Serialize(list, Json.Compact),
            text => JsonSerializer.Deserialize<List<string>>(text, Json.Compact) ?? new List<string>(),
            new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                list => list.ToList()));

    /// <summary>The same for a short list of ids or numbers: one JSON text column on both providers.</summary>
    public static PropertyBuilder<List<T>> HasJsonTextConversion<T>(this PropertyBuilder<List<T>> property) where T : struct =>
        property.HasConversion(
            list => JsonSerializer.Serialize(list, Json.Compact),
            text => JsonSerializer.Deserialize<List<T>>(text, Json.Compact) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
                list => list.ToList()));
}
