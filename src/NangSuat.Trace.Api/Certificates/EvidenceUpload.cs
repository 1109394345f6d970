using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Certificates;

/// <summary>The one way a certificate's scan is checked and kept, from the new-certificate form and from the certificate's page.</summary>
public static class EvidenceUpload
{
    public const string Field = "evidence";
    public const string Accept = "application/pdf,image/jpeg,image/png,image/webp";

    public static Task<(byte[] Bytes, string ContentType)?> ReadAsync(IFormCollection form, FieldErrors errors, CancellationToken cancellationToken) =>
        UploadedFiles.ReadAsync(form.Files.GetFile(Field), Field, CertificateEvidence.MaxBytes, b => UploadedFiles.SniffDocument(b),
            "PDF hoặc ảnh JPEG, PNG, WebP", "a PDF or a JPEG, PNG or WebP image", errors, cancellationToken);

    /// <summary>Adds or replaces the certificate's evidence; the caller saves.</summary>
    public static async Task KeepAsync(TraceDb db, Guid certificateId, string? fileName, (byte[] Bytes, string ContentType) file, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The device's name for the file, shown back to its owner: only its last segment, clean text, bounded.
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = FieldErrors.IsCleanText(name) && name.Length is > 0 and <= 120 ? name : $"chung-nhan.{UploadedFiles.Extension(file.ContentType)}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(file.Bytes));
        var kept = await db.CertificateEvidence.FirstOrDefaultAsync(e => e.CertificateId == certificateId, cancellationToken);
        if (kept is null)
        {
            db.CertificateEvidence.Add(new CertificateEvidence { CertificateId = certificateId, FileName = name, ContentType = file.ContentType, Bytes = file.Bytes, Sha256 = hash, UploadedAt = now });
        }
        else
        {
            (kept.FileName, kept.ContentType, kept.Bytes, kept.Sha256, kept.UploadedAt) = (name, file.ContentType, file.Bytes, hash, now);
        }
    }
}
