using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Products;

namespace NangSuat.Trace.Api.Serials;

/// <summary>
/// One request's worth of serial numbers for a lot; the idempotency key makes a retried request find it
/// again. A small batch is written whole with its request; a large one is accepted first and issued in
/// the background, chunk by chunk, each chunk committed with the count it brings, so <see cref="Issued"/>
/// is always exactly the serials written and an interrupted batch resumes where it stopped.
/// </summary>
public sealed class SerialBatch : IRegistryRecord
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid LotId { get; set; }
    public int Count { get; set; }
    public int Issued { get; set; }

    /// <summary>When the last chunk was written; a batch written whole with its request completed at that request's moment.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    public bool IsComplete => Issued >= Count;

    Guid IRegistryRecord.OwnerId => OrganizationId;
}

/// <summary>A serial (AI 21) issued for one item of a lot. The key (product, value) makes it unique per GTIN.</summary>
public sealed class SerialNumber
{
    public Guid ProductId { get; set; }
    public required string Value { get; set; }
    public Guid LotId { get; set; }
    public Guid BatchId { get; set; }

    /// <summary>
    /// 32 symbols that survive a bad print or a human reader (no 0/O, 1/I), all in GS1 set 82; twelve of
    /// them carry 60 random bits, so a counterfeiter cannot guess a valid serial.
    /// </summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 12;

    public static string NewValue()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var bits = BitConverter.ToUInt64(random);
        return string.Create(Length, bits, (chars, value) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
    }
}

internal sealed class SerialBatchConfiguration : IEntityTypeConfiguration<SerialBatch>
{
    public void Configure(EntityTypeBuilder<SerialBatch> entity)
    {
        entity.HasIndex(b => new { b.OrganizationId, b.IdempotencyKey }).IsUnique();
        entity.HasIndex(b => b.CompletedAt);
        entity.HasOne<Lot>().WithMany().HasForeignKey(b => b.LotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SerialNumberConfiguration : IEntityTypeConfiguration<SerialNumber>
{
    public void Configure(EntityTypeBuilder<SerialNumber> entity)
    {
        entity.HasKey(s => new { s.ProductId, s.Value });
        entity.HasIndex(s => s.LotId);
        entity.HasIndex(s => s.BatchId);
        entity.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne<Lot>().WithMany().HasForeignKey(s => s.LotId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne<SerialBatch>().WithMany().HasForeignKey(s => s.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
