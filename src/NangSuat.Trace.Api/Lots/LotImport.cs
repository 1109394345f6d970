using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal;
using NangSuat.Trace.Api.Portal.Pages;

namespace NangSuat.Trace.Api.Lots;

/// <summary>Lots from a producer's spreadsheet, checked by the lot form's rules, written all or none.</summary>
public sealed class LotImport : SpreadsheetImport
{
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("gtin", "GTIN", "GTIN", "08936099000121"),
        new("lotNumber", "Số lô", "Lot number", "MC2611A"),
        new("productionArea", "Vùng sản xuất", "Production area", "Đồi chè Tân Lập"),
        new("productionDate", "Ngày sản xuất", "Production date", "20/11/2026"),
        new("packingDate", "Ngày đóng gói", "Packing date", "22/11/2026"),
        new("expiryDate", "Hạn sử dụng", "Expiry date", ""),
        new("bestBeforeDate", "Sử dụng tốt nhất trước", "Best before", "22/05/2028"),
        new("quantity.value", "Số lượng", "Quantity", "850"),
        new("quantity.unit", "Đơn vị", "Unit", "kg"),
    ];

    protected override string KeyField => "gtin";

    public override ImportPage.Texts Texts => new(
        Language.Pick("Nhập lô từ tệp", "Import lots from a file"), Language.Pick("lô", "lot"), Language.Pick("lô", "lots"),
        "GTIN", Language.Pick("Số lô", "Lot"), "/portal/lo/nhap", "/portal/lo", "mau-nhap-lo");

    /// <summary>Checks every row as the lot form would, plus what only a batch can get wrong: a lot twice in the file, or already registered.</summary>
    public override async Task<ImportCheck> CheckAsync(
        IReadOnlyList<Dictionary<string, string>> rows, Guid organizationId, TraceDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Everything a row is checked against is read once here, not once a row: 10,000 rows are a few queries.
        var known = await LotLookups.ReadAsync(db, organizationId, cancellationToken);
        var areasByName = known.AreaNames.GroupBy(a => SearchText.Fold(a.Value)).ToDictionary(g => g.Key, g => g.First().Key);
        // Only the lots the file names, in slices the providers' parameter limits allow: not every lot the organization ever registered.
        var registered = new HashSet<(string Gtin, string LotNumber)>();
        foreach (var slice in rows.Select(r => Value(r, "lotNumber")?.Trim()).OfType<string>().Distinct(StringComparer.Ordinal).Chunk(500))
        {
            registered.UnionWith((await db.Lots.AsNoTracking().Where(l => l.OrganizationId == organizationId && slice.Contains(l.LotNumber))
                .Select(l => new { l.Product!.Gtin, l.LotNumber }).ToListAsync(cancellationToken)).Select(l => (l.Gtin, l.LotNumber)));
        }

        var seen = new Dictionary<(string, string), int>();
        var checkedRows = new List<ImportRow>(rows.Count);
        var lots = new List<object>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var errors = new FieldErrors();
            string? Value(string field) => SpreadsheetImport.Value(row, field);
            Guid? area = null;
            if (Value("productionArea") is { } areaName)
            {
                area = areasByName.TryGetValue(SearchText.Fold(areaName), out var found) ? found : (Guid?)null;
                if (area is null)
                {
                    errors.Add("productionAreaId", $"tổ chức không có vùng '{FieldErrors.Shown(areaName)}'", $"the organization has no area '{FieldErrors.Shown(areaName)}'");
                }
            }

            var request = new LotRequest(Value("gtin"), Value("lotNumber"), area,
                FormValues.Date(errors, "productionDate", Value("productionDate")), FormValues.Date(errors, "packingDate", Value("packingDate")),
                FormValues.Date(errors, "expiryDate", Value("expiryDate")), FormValues.Date(errors, "bestBeforeDate", Value("bestBeforeDate")),
                LotPages.Quantity(errors, Value("quantity.value"), Value("quantity.unit")));
            var (lot, product) = await LotRules.CreateAsync(request, organizationId, db, now, errors, cancellationToken, known);
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
                    lots.Add(lot);
                }
            }

            // Row numbers as the spreadsheet shows them: the header is row 1.
            checkedRows.Add(new ImportRow(i + 2, request.Gtin ?? "", request.LotNumber ?? "", Problems(errors, f => f == "productionAreaId" ? "productionArea" : f)));
        }

        return new ImportCheck(checkedRows, lots);
    }
}
