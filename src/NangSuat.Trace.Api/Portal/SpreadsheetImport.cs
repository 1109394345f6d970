using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using MiniExcelLibs;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal.Pages;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace NangSuat.Trace.Api.Portal;

/// <summary>One column of an import template: the rules' field name, and the headers read in either language.</summary>
public sealed record ImportColumn(string Field, string Vietnamese, string English, string Example);

/// <summary>One row of an import as read: what identifies it to a person, and what is wrong with it (nothing when it can be written).</summary>
public sealed record ImportRow(int Number, string Key, string Label, IReadOnlyList<(string Column, string Reason)> Problems);

/// <summary>Every row checked, and the records the right ones make (written only when every row is right).</summary>
public sealed record ImportCheck(IReadOnlyList<ImportRow> Rows, IReadOnlyList<object> Records)
{
    public bool AllRight => Rows.All(r => r.Problems.Count == 0);
}

/// <summary>
/// Records from a producer's spreadsheet (CSV or XLSX, Vietnamese headers from a template the portal
/// offers): every row read and checked by the same rules as one record typed in its form, before
/// anything is written; then every row written in one save, or none. One kind per registry record.
/// </summary>
public abstract class SpreadsheetImport
{
    public const int MaxRows = 10_000;
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>What an XLSX may unpack to: 10,000 rows of the template take about 5 MB unpacked.</summary>
    public const long MaxUnpackedBytes = 64 * 1024 * 1024;
    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromMinutes(30);

    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The column without which a file is not this template (GTIN for both products and lots).</summary>
    protected abstract string KeyField { get; }

    public abstract ImportPage.Texts Texts { get; }

    /// <summary>Checks every row as the form would, plus what only a batch can get wrong (a record twice, or already registered).</summary>
    public abstract Task<ImportCheck> CheckAsync(IReadOnlyList<Dictionary<string, string>> rows, Guid organizationId, TraceDb db, DateTimeOffset now, CancellationToken cancellationToken);

    public string Header(string field) =>
        Columns.FirstOrDefault(c => c.Field == field) is { } column ? Language.Pick(column.Vietnamese, column.English) : field;

    public IReadOnlyList<(string Column, string Reason)> Problems(FieldErrors errors, Func<string, string>? columnOf = null) =>
        [.. errors.All.SelectMany(e => e.Value.Select(m => (Header(columnOf?.Invoke(e.Key) ?? e.Key), m.In(Language.Current))))];

    public void Map(RouteGroupBuilder import)
    {
        import.MapGet("/", () => Page(new { }));
        import.MapGet("/mau.csv", () => TypedResults.File(Template(xlsx: false), "text/csv; charset=utf-8", $"{Texts.TemplateName}.csv"));
        import.MapGet("/mau.xlsx", () => TypedResults.File(Template(xlsx: true), ExportTable.XlsxType, $"{Texts.TemplateName}.xlsx"));
        import.MapPost("/", Preview).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBytes + 64 * 1024));
        import.MapPost("/{batch:guid}/ghi", Commit);
    }

    private sealed record Previewed(Guid Batch, Guid OrganizationId, IReadOnlyList<Dictionary<string, string>> Rows);

    /// <summary>Makes taking a preview one step: of two commits of the same preview (a double click), one writes and the other is told it is gone.</summary>
    private static readonly Lock Taking = new();

    private async Task<IResult> Preview(HttpContext context, Caller caller, TraceDb db, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Refused(Language.Pick("Hãy chọn một tệp CSV hoặc XLSX.", "Choose a CSV or XLSX file."));
        }

        if (file.Length > MaxBytes)
        {
            return Refused(Language.Pick("Tệp lớn hơn 5 MB; hãy chia thành nhiều tệp.", "The file is larger than 5 MB; split it into several files."));
        }

        // MiniExcel reads XLSX by seeking; the upload is copied to memory (at most 5 MB) first.
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        var (rows, problem) = Read(copy, file.FileName);
        if (rows is null)
        {
            return Refused(problem!);
        }

        var check = await CheckAsync(rows, caller.Organization, db, clock.GetUtcNow(), cancellationToken);
        var batch = Guid.NewGuid();
        if (check.AllRight)
        {
            // One preview per person and kind: a newer upload replaces the older, so previews cannot pile up in memory.
            cache.Set(CacheKey(caller.AccountId), new Previewed(batch, caller.Organization, rows), PreviewLifetime);
        }

        return Page(new { check.Rows, BatchId = batch }, check.AllRight ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    private async Task<IResult> Commit(Guid batch, Caller caller, TraceDb db, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        Previewed? previewed = null;
        lock (Taking)
        {
            if (cache.TryGetValue(CacheKey(caller.AccountId), out Previewed? kept) && kept!.Batch == batch && kept.OrganizationId == caller.OrganizationId)
            {
                cache.Remove(CacheKey(caller.AccountId));
                previewed = kept;
            }
        }

        if (previewed is null)
        {
            return Refused(Language.Pick("Bản xem trước này đã hết hạn hoặc đã được ghi. Hãy gửi lại tệp.", "This preview has expired or was already written. Upload the file again."),
                StatusCodes.Status410Gone);
        }

        // Checked again: a colleague may have registered one of these records since the preview.
        var now = clock.GetUtcNow();
        var check = await CheckAsync(previewed.Rows, caller.Organization, db, now, cancellationToken);
        if (!check.AllRight)
        {
            return Page(new { check.Rows }, StatusCodes.Status409Conflict);
        }

        db.AddRange(check.Records);
        // One save, one transaction: every row is written, or (a racing import took a key) none is.
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return Refused(Language.Pick("Một bản ghi trong tệp vừa được đăng ký ở nơi khác; chưa ghi dòng nào. Hãy gửi lại tệp.",
                "A record in the file was just registered elsewhere; no row was written. Upload the file again."), StatusCodes.Status409Conflict);
        }

        return TypedResults.LocalRedirect($"{Texts.ListPath}?xong=nhap&so={check.Rows.Count}");
    }

    /// <summary>Reads the file's rows as text by column; null with a reason when it is not a readable CSV or XLSX with the template's headers.</summary>
    public (List<Dictionary<string, string>>? Rows, string? Problem) Read(Stream file, string fileName)
    {
        var type = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ExcelType.XLSX
            : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ExcelType.CSV : (ExcelType?)null;
        if (type is null)
        {
            return (null, Language.Pick("Chỉ nhận tệp .csv hoặc .xlsx theo mẫu.", "Only a .csv or .xlsx file made from the template is accepted."));
        }

        if (type == ExcelType.XLSX && UnpackedProblem(file) is { } unpacked)
        {
            return (null, unpacked);
        }

        try
        {
            var rows = new List<Dictionary<string, string>>();
            Dictionary<string, string>? fieldOfHeader = null;
            var read = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(file, useHeaderRow: true, excelType: type.Value))
            {
                // Every row has the same headers: each is matched to its column once, not once a cell.
                fieldOfHeader ??= row.Keys
                    .Select(header => (header, column: Columns.FirstOrDefault(c => Same(c.Vietnamese, header) || Same(c.English, header))))
                    .Where(h => h.column is not null).ToDictionary(h => h.header, h => h.column!.Field, StringComparer.Ordinal);
                if (++read > MaxRows * 2)
                {
                    return (null, TooManyRows());
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (header, field) in fieldOfHeader)
                {
                    values[field] = Text(row[header]);
                }

                if (values.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue; // a blank line at the end of a sheet is no row (but a sheet of a million blank lines is refused above)
                }

                if (rows.Count == MaxRows)
                {
                    return (null, TooManyRows());
                }

                rows.Add(values);
            }

            if (rows.Count > 0 && !rows.Any(r => r.ContainsKey(KeyField)))
            {
                return (null, Language.Pick($"Không thấy cột {Header(KeyField)}; hãy dùng tệp mẫu.", $"No {Header(KeyField)} column was found; use the template."));
            }

            return (rows, null);
        }
        // A third-party reader meets whatever bytes were uploaded: any failure of its own is a file that does not read, never a 500.
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            return (null, Language.Pick("Không đọc được tệp: có thể tệp hỏng hoặc không phải CSV/XLSX.", "The file could not be read: it may be damaged or not a CSV/XLSX file."));
        }
    }

    /// <summary>
    /// An XLSX is a zip: 5 MB of it may unpack to gigabytes. The sizes its directory declares are read
    /// before any part is unpacked, so such a sheet is refused before it costs memory.
    /// </summary>
    private static string? UnpackedProblem(Stream file)
    {
        try
        {
            using (var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
            {
                if (zip.Entries.Count > 1_000 || zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                {
                    return Language.Pick($"Tệp XLSX giải nén lớn hơn {MaxUnpackedBytes / (1024 * 1024)} MB; hãy chia thành nhiều tệp.",
                        $"The XLSX file unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MB; split it into several files.");
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return Language.Pick("Không đọc được tệp: có thể tệp hỏng hoặc không phải CSV/XLSX.", "The file could not be read: it may be damaged or not a CSV/XLSX file.");
        }
        finally
        {
            file.Position = 0;
        }
    }

    private static string TooManyRows() =>
        Language.Pick($"Tệp có hơn {MaxRows:N0} dòng; hãy chia thành nhiều tệp.", $"The file has more than {MaxRows:N0} rows; split it into several files.");

    /// <summary>The template: the Vietnamese headers and one example row, as CSV or XLSX.</summary>
    public byte[] Template(bool xlsx)
    {
        var template = new ExportTable(Language.Pick("Mẫu", "Template"), [.. Columns.Select(c => c.Vietnamese)], [[.. Columns.Select(c => c.Example)]]);
        return xlsx ? ExportTable.Xlsx(template) : ExportTable.Csv(template);
    }

    protected static string? Value(Dictionary<string, string> row, string field) => row.TryGetValue(field, out var v) && v.Length > 0 ? v : null;

    private static bool Same(string a, string b) => string.Equals(SearchText.Fold(a), SearchText.Fold(b), StringComparison.Ordinal);

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        _ => ExportTable.Unguarded(Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? ""),
    };

    private string CacheKey(Guid? account) => $"import:{Texts.TemplateName}:{account:N}";

    private RazorComponentResult<ImportPage> Page(object parameters, int status = StatusCodes.Status200OK)
    {
        var values = new RouteValueDictionary(parameters) { ["Text"] = Texts };
        return new RazorComponentResult<ImportPage>(values) { StatusCode = status };
    }

    private RazorComponentResult<ImportPage> Refused(string problem, int status = StatusCodes.Status422UnprocessableEntity) =>
        Page(new { Problem = problem }, status);
}
