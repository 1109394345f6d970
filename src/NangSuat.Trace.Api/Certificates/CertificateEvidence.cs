using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NangSuat.Trace.Api.Certificates;

/// <summary>
/// The scan of the paper certificate (PDF or a photo), kept as evidence an inspector can open
/// beside the record. Only the holder and the oversight roles can read it; it is never public.
/// </summary>
public sealed class CertificateEvidence
{
    public Guid CertificateId { get; set; }

    /// <summary>The name the file had on the uploader's device, shown so they recognise it; never used as a path.</summary>
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    public const long MaxBytes = 5 * 1024 * 1024;
}

internal sealed class CertificateEvidenceConfiguration : IEntityTypeConfiguration<CertificateEvidence>
{
    public void Configure(EntityTypeBuilder<CertificateEvidence> entity)
    {
        entity.HasKey(e => e.CertificateId);
        entity.HasOne<Certificate>().WithOne().HasForeignKey<CertificateEvidence>(e => e.CertificateId).OnDelete(DeleteBehavior.Cascade);
    }
}
