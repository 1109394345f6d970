using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Api.Audit;

/// <summary>
/// A perfect subtree of the transparency log, written once when its last leaf arrives and never
/// changed: level 0 holds each entry's leaf hash as recorded when the log took it in. Keyed by
/// <see cref="NodePosition.Key"/>, so the nodes of any proof are one look-up.
/// </summary>
public sealed class LogNode
{
    public long Position { get; set; }
    public required byte[] Hash { get; set; }
}

/// <summary>A signed tree head: the log's size and root at a moment, as the signed text a verifier keeps.</summary>
public sealed class LogCheckpoint
{
    public long Size { get; set; }
    public required byte[] Root { get; set; }
    public DateTimeOffset SignedAt { get; set; }

    /// <summary>The whole signed checkpoint (docs/transparency-log.md), served as it was signed.</summary>
    public required string Signed { get; set; }
}

internal sealed class LogNodeConfiguration : IEntityTypeConfiguration<LogNode>
{
    public void Configure(EntityTypeBuilder<LogNode> entity)
    {
        entity.HasKey(n => n.Position);
        entity.Property(n => n.Position).ValueGeneratedNever();
    }
}

internal sealed class LogCheckpointConfiguration : IEntityTypeConfiguration<LogCheckpoint>
{
    public void Configure(EntityTypeBuilder<LogCheckpoint> entity)
    {
        entity.HasKey(c => c.Size);
        entity.Property(c => c.Size).ValueGeneratedNever();
        entity.Property(c => c.SignedAt).HasConversion(at => at.ToUnixTimeMilliseconds(), ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));
    }
}
