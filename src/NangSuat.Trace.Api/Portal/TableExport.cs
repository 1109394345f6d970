using System.Text;
using MiniExcelLibs;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace NangSuat.Trace.Api.Portal;

/// <summary>A list as a person takes it away: a CSV that Excel opens in Vietnamese, or an XLSX workbook.</summary>
public sealed record ExportTable(string Sheet, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>More than any province's list holds; a bound, so an export can never take the server's memory.</summary>
    public const int MaxRows = 200_000;

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>"csv" or "xlsx" from a route, or null for anything else.</summary>
    public static string? Format(string? asked) => asked is "csv" or "xlsx" ? asked : null;

    public static IResult File(string format, string fileStem, params IReadOnlyList<ExportTable> tables) =>
        format == "csv"
            ? TypedResults.File(Csv(tables[0]), "text/csv; charset=utf-8", $"{fileStem}.csv")
            : TypedResults.File(Xlsx(tables), XlsxType, $"{fileStem}.xlsx");

    /// <summary>
    /// RFC 4180, with a byte-order mark so Excel reads the diacritics. A cell that a spreadsheet would
    /// take for a formula (=, +, -, @ first) is written with a leading apostrophe: what a producer typed
    /// into a name must never run on an official's computer.
    /// </summary>
    public static byte[] Csv(ExportTable table)
    {
        var text = new StringBuilder();
        Line(text, table.Headers);
        foreach (var row in table.Rows)
        {
            Line(text, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(params IReadOnlyList<ExportTable> tables)
    {
        // Every cell goes in as text: a string is never a formula in the workbook, and a GTIN keeps its leading zero.
        var sheets = new Dictionary<string, object>();
        foreach (var table in tables)
        {
            sheets[table.Sheet] = table.Rows.Select(row =>
            {
                var cells = new Dictionary<string, object?>();
                for (var i = 0; i < table.Headers.Count; i++)
                {
                    cells[table.Headers[i]] = i < row.Count ? row[i] : "";
                }

                return cells;
            }).ToList();
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>What a spreadsheet would run rather than show.</summary>
    private static bool LooksLikeFormula(ReadOnlySpan<char> cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// A cell as written before <see cref="Csv"/> guarded it: an exported list imported again must not
    /// turn lot "-A1" into lot "'-A1" (an apostrophe is a valid lot character, so nothing else would notice).
    /// </summary>
    public static string Unguarded(string cell) => cell.Length > 1 && cell[0] == '\'' && LooksLikeFormula(cell.AsSpan(1)) ? cell[1..] : cell;

    private static void Line(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var cell = cells[i] ?? "";
            if (LooksLikeFormula(cell))
            {
                cell = "'" + cell;
            }

            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
            }
            else
            {
                text.Append(cell);
            }
        }

        text.Append("\r\n");
    }
}
