using System.Globalization;
using MiniExcel = MiniExcelLibs.MiniExcel;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal;

namespace NangSuat.Trace.Api.Lots;

/// <summary>One row of an import as read, with what is wrong with it (nothing when it can be written).</summary>
public sealed record ImportRow(int Number, LotRequest Request, IReadOnlyList<(string Column, string Reason)> Problems);

/// <summary>
/// Lots from a producer's spreadsheet (CSV or XLSX, Vietnamese headers): every row read and checked
/// by the same rules as one lot typed in the form, before anything is written; then all rows are
/// written together or none.
/// </summary>
public static class LotImport
{
    public const int MaxRows = 10_000;
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The template's columns, by the rules' field name; English headers are read too.</summary>
    public static readonly (string Field, string Vietnamese, string English)[] Columns =
    [
        ("gtin", "GTIN", "GTIN"),
        ("lotNumber", "Số lô", "Lot number"),
        ("productionArea", "Vùng sản xuất", "Production area"),
        ("productionDate", "Ngày sản xuất", "Production date"),
        ("packingDate", "Ngày đóng gói", "Packing date"),
        ("expiryDate", "Hạn sử dụng", "Expiry date"),
        ("bestBeforeDate", "Sử dụng tốt nhất trước", "Best before"),
        ("quantity.value", "Số lượng", "Quantity"),
        ("quantity.unit", "Đơn vị", "Unit"),
    ];

    public static string Header(string field) =>
        Columns.FirstOrDefault(c => c.Field == field || (field == "productionAreaId" && c.Field == "productionArea")) is { Vietnamese: not null } column
            ? Language.Pick(column.Vietnamese, column.English)
            : field;

    /// <summary>Reads the file's rows as text by column; null with a reason when it is not a readable CSV or XLSX with the template's headers.</summary>
    public static (List<Dictionary<string, string>>? Rows, string? Problem) Read(Stream file, string fileName)
    {
        var type = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ExcelType.XLSX
            : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ExcelType.CSV : (ExcelType?)null;
        if (type is null)
        {
            return (null, Language.Pick("Chỉ nhận tệp .csv hoặc .xlsx theo mẫu.", "Only a .csv or .xlsx file made from the template is accepted."));
        }

        try
        {
            var rows = new List<Dictionary<string, string>>();
            foreach (IDictionary<string, object?> row in MiniExcel.Query(file, useHeaderRow: true, excelType: type.Value))
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (header, value) in row)
                {
                    if (Columns.FirstOrDefault(c => Same(c.Vietnamese, header) || Same(c.English, header)) is { Field: not null } column)
                    {
                        values[column.Field] = Text(value);
                    }
                }

                if (values.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue; // a blank line at the end of a sheet is no row
                }

                if (rows.Count == MaxRows)
                {
                    return (null, Language.Pick($"Tệp có hơn {MaxRows:N0} dòng; hãy chia thành nhiều tệp.", $"The file has more than {MaxRows:N0} rows; split it into several files."));
                }

                rows.Add(values);
            }

            if (rows.Count > 0 && !rows.Any(r => r.ContainsKey("gtin")) )
            {
                return (null, Language.Pick("Không thấy cột GTIN và Số lô; hãy dùng tệp mẫu.", "No GTIN and Lot number columns were found; use the template."));
            }

            return (rows, null);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or IOException
            or ArgumentException or System.Xml.XmlException or NotSupportedException or IndexOutOfRangeException or OverflowException)
        {
            return (null, Language.Pick("Không đọc được tệp: có thể tệp hỏng hoặc không phải CSV/XLSX.", "The file could not be read: it may be damaged or not a CSV/XLSX file."));
        }
    }

    /// <summary>Checks every row as the lot form would, plus what only a batch can get wrong: a lot twice in the file, or already registered.</summary>
    public static async Task<List<ImportRow>> CheckAsync(
        IReadOnlyList<Dictionary<string, string>> rows, Guid organizationId, TraceDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var areas = await db.ProductionAreas.AsNoTracking().Where(a => a.OrganizationId == organizationId)
            .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var registered = (await db.Lots.AsNoTracking().Where(l => l.OrganizationId == organizationId)
            .Select(l => new { l.Product!.Gtin, l.LotNumber }).ToListAsync(cancellationToken)).Select(l => (l.Gtin, l.LotNumber)).ToHashSet();
        var seen = new Dictionary<(string, string), int>();
        var checkedRows = new List<ImportRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var errors = new FieldErrors();
            string? Value(string field) => row.TryGetValue(field, out var v) && v.Length > 0 ? v : null;
            Guid? area = null;
            if (Value("productionArea") is { } areaName)
            {
                area = areas.FirstOrDefault(a => string.Equals(SearchText.Fold(a.Name), SearchText.Fold(areaName), StringComparison.Ordinal))?.Id;
                if (area is null)
                {
                    errors.Add("productionAreaId", $"tổ chức không có vùng '{FieldErrors.Shown(areaName)}'", $"the organization has no area '{FieldErrors.Shown(areaName)}'");
                }
            }

            var request = new LotRequest(Value("gtin"), Value("lotNumber"), area,
                FormValues.Date(errors, "productionDate", Value("productionDate")), FormValues.Date(errors, "packingDate", Value("packingDate")),
                FormValues.Date(errors, "expiryDate", Value("expiryDate")), FormValues.Date(errors, "bestBeforeDate", Value("bestBeforeDate")),
                LotPages.Quantity(errors, Value("quantity.value"), Value("quantity.unit")));
            var (lot, product) = await LotRules.CreateAsync(request, organizationId, db, now, errors, cancellationToken);
            if (lot is not null && product is not null)
            {
                var key = (product.Gtin, lot.LotNumber);
                if (registered.Contains(key))
                {
                    errors.Add("lotNumber", "lô này đã được đăng ký", "this lot is already registered");
                }
                else if (seen.TryGetValue(key, out var first))
                {
                    errors.Add("lotNumber", $"trùng với dòng {first}", $"repeats row {first}");
                }
                else
                {
                    seen[key] = i + 2;
                }
            }

            // Row numbers as the spreadsheet shows them: the header is row 1.
            checkedRows.Add(new ImportRow(i + 2, request,
                [.. errors.All.SelectMany(e => e.Value.Select(m => (Header(e.Key), m.In(Language.Current))))]));
        }

        return checkedRows;
    }

    /// <summary>The template: the headers and one example row, as CSV or XLSX.</summary>
    public static byte[] Template(bool xlsx)
    {
        var example = new Dictionary<string, object>
        {
            ["GTIN"] = "08936099000121", ["Số lô"] = "MC2611A", ["Vùng sản xuất"] = "Đồi chè Tân Lập", ["Ngày sản xuất"] = "20/11/2026",
            ["Ngày đóng gói"] = "22/11/2026", ["Hạn sử dụng"] = "", ["Sử dụng tốt nhất trước"] = "22/05/2028", ["Số lượng"] = "850", ["Đơn vị"] = "kg",
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new[] { example }, excelType: xlsx ? ExcelType.XLSX : ExcelType.CSV);
        return stream.ToArray();
    }

    private static bool Same(string a, string b) => string.Equals(SearchText.Fold(a), SearchText.Fold(b), StringComparison.Ordinal);

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };
}
