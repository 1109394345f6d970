namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>
/// What a file a person uploads really is, by its first bytes: the name and the type a browser
/// declares are whatever the sender chose, so only the signature decides what the portal keeps.
/// </summary>
public static class UploadedFiles
{
    public const string Pdf = "application/pdf";

    public static string? SniffImage(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };

    /// <summary>An image as above, or a PDF: the scan of a paper certificate comes as either.</summary>
    public static string? SniffDocument(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? Pdf : SniffImage(bytes);

    public static string Extension(string contentType) => contentType switch
    {
        Pdf => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "webp",
    };

    /// <summary>
    /// The bytes of a form's file field, or null with the reason beside the field: empty, larger
    /// than the limit, or not a kind the sniffer accepts. A missing field is null with no error.
    /// </summary>
    public static async Task<(byte[] Bytes, string ContentType)?> ReadAsync(
        IFormFile? file, string field, long maxBytes, Func<byte[], string?> sniff, string kindsVi, string kindsEn, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return null;
        }

        var limit = maxBytes >= 1024 * 1024 ? $"{maxBytes / (1024 * 1024)} MiB" : $"{maxBytes / 1024} KiB";
        if (file.Length == 0)
        {
            errors.Add(field, "tệp trống; hãy chọn lại tệp", "the file is empty; choose the file again");
            return null;
        }

        if (file.Length > maxBytes)
        {
            errors.Add(field, $"tệp lớn {file.Length / 1024:N0} KiB, quá giới hạn {limit}; hãy chụp hoặc quét lại với độ phân giải thấp hơn",
                $"the file is {file.Length / 1024:N0} KiB, over the {limit} limit; photograph or scan it again at a lower resolution");
            return null;
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        if (sniff(bytes) is not { } type)
        {
            errors.Add(field, $"tệp không phải {kindsVi}; hãy chọn {kindsVi}", $"the file is not {kindsEn}; choose {kindsEn}");
            return null;
        }

        return (bytes, type);
    }
}
