using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal;
using NangSuat.Trace.Api.Portal.Pages;

namespace NangSuat.Trace.Api.Products;

/// <summary>Products from a producer's spreadsheet, checked by the product form's rules, written all or none.</summary>
public sealed class ProductImport : SpreadsheetImport
{
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("gtin", "GTIN", "GTIN", "08936099000121"),
        new("name.vi", "Tên sản phẩm", "Product name", "Chè Shan tuyết Mộc Châu"),
        new("name.en", "Tên tiếng Anh", "English name", "Moc Chau Shan Tuyet tea"),
        new("description", "Mô tả", "Description", "Chè búp sấy khô, hái từ cây chè Shan tuyết cổ thụ."),
        new("category", "Nhóm sản phẩm", "Category", "Chè"),
        new("brand", "Nhãn hiệu", "Brand", "Tân Lập"),
        new("standards", "Tiêu chuẩn công bố", "Standards declared", "TCVN 9740:2013"),
        new("ocopStars", "Hạng OCOP", "OCOP rating", "4"),
        new("exportMarkets", "Thị trường xuất khẩu", "Export markets", "JP, EU"),
    ];

    protected override string KeyField => "gtin";

    public override ImportPage.Texts Texts => new(
        Language.Pick("Nhập sản phẩm từ tệp", "Import products from a file"), Language.Pick("sản phẩm", "product"), Language.Pick("sản phẩm", "products"),
        "GTIN", Language.Pick("Tên sản phẩm", "Product name"), "/portal/san-pham/nhap", "/portal/san-pham", "mau-nhap-san-pham");

    public override async Task<ImportCheck> CheckAsync(
        IReadOnlyList<Dictionary<string, string>> rows, Guid organizationId, TraceDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var gtins = rows.Select(r => Gtin14(Value(r, "gtin"))).OfType<string>().Distinct().ToList();
        // GTINs are unique across the portal: one query for the file's, in slices the providers' parameter limits allow.
        var registered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slice in gtins.Chunk(500))
        {
            registered.UnionWith(await db.Products.Where(p => slice.Contains(p.Gtin)).Select(p => p.Gtin).ToListAsync(cancellationToken));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedRows = new List<ImportRow>(rows.Count);
        var products = new List<object>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var errors = new FieldErrors();
            var request = ProductPages.Request(field => Value(row, field));
            var product = ProductRules.Create(request, organization, now, errors);
            // Repeats are found whatever else is wrong with a row, so one upload names them all.
            if (Gtin14(request.Gtin) is { } gtin)
            {
                if (registered.Contains(gtin))
                {
                    errors.Add("gtin", "GTIN này đã được đăng ký cho một sản phẩm", "this GTIN is already registered for a product");
                }
                else if (seen.TryGetValue(gtin, out var first))
                {
                    errors.Add("gtin", $"trùng với dòng {first}", $"repeats row {first}");
                }
                else
                {
                    seen[gtin] = i + 2;
                }
            }

            if (product is not null && !errors.Any)
            {
                products.Add(product);
            }

            // Row numbers as the spreadsheet shows them: the header is row 1. "exportMarkets[2]" is the column "exportMarkets".
            checkedRows.Add(new ImportRow(i + 2, request.Gtin ?? "", request.Name?.Vi ?? "", Problems(errors, f => f.Split('[')[0])));
        }

        return new ImportCheck(checkedRows, products);
    }

    /// <summary>The GTIN-14 a cell names, when it is a valid GTIN of any length.</summary>
    private static string? Gtin14(string? typed) => typed is null ? null : Gs1.Gs1Keys.Gtin(typed).Value;
}
