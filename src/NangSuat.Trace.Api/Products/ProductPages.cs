using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal;
using NangSuat.Trace.Api.Products.Pages;

namespace NangSuat.Trace.Api.Products;

/// <summary>
/// Products in the portal: a producer keeps its own with the same rules as the API, errors beside each
/// field; an inspector or administrator searches every organization's products.
/// </summary>
public static class ProductPages
{
    public static void MapProductPages(this RouteGroupBuilder signedIn)
    {
        var products = signedIn.MapGroup("/san-pham");
        products.MapGet("/", List);
        products.MapGet("/tep.{format}", Export);
        var own = products.MapGroup("").RequireAuthorization(PortalSession.Producers);
        own.MapGet("/moi", NewForm);
        own.MapPost("/moi", Create);
        own.MapGet("/{id:guid}", EditForm);
        own.MapPost("/{id:guid}", Change);
    }

    private static async Task<RazorComponentResult<ProductListPage>> List(
        string? q, [FromQuery(Name = "trang")] int? page, [FromQuery(Name = ListSort.Parameter)] string? sort, [FromQuery(Name = "xong")] string? done,
        [FromQuery(Name = "so")] int? count, [FromQuery(Name = OrganizationScope.Parameter)] string? organization, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var scope = await OrganizationScope.OfAsync(organization, caller, db, cancellationToken);
        var (query, text, order) = Listed(q, sort, scope, caller, db);
        var list = await Portal.ListPage.OfAsync(query, page, cancellationToken);
        // Oversight reads every organization's products, each with its organization's name, in the same query.
        var items = await (caller.SeesAll ? Sorted(query, order).Include(p => p.Organization) : Sorted(query, order))
            .Skip(list.Skip).Take(Portal.ListPage.Size).ToListAsync(cancellationToken);
        return new(new
        {
            Items = items, Query = text, Sort = order, Total = list.Total, Page = list.Number, Pages = list.Pages, Scope = scope, Oversight = caller.SeesAll,
            Notice = done switch
            {
                "1" => Language.Pick("Đã lưu sản phẩm.", "The product is saved."),
                "nhap" => Language.Pick($"Đã ghi {count ?? 0:N0} sản phẩm từ tệp.", $"{count ?? 0:N0} products were written from the file."),
                _ => null,
            },
        });
    }

    private static async Task<IResult> Export(
        string format, string? q, [FromQuery(Name = ListSort.Parameter)] string? sort, [FromQuery(Name = OrganizationScope.Parameter)] string? organization,
        Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        if (ExportTable.Format(format) is not { } chosen)
        {
            return NotFound();
        }

        var scope = await OrganizationScope.OfAsync(organization, caller, db, cancellationToken);
        var (query, _, order) = Listed(q, sort, scope, caller, db);
        var rows = await Sorted(query, order).Take(ExportTable.MaxRows).ToListAsync(cancellationToken);
        return ExportTable.File(chosen, "san-pham", new ExportTable(Language.Pick("Sản phẩm", "Products"),
            ["GTIN", Language.Pick("Tên", "Name"), Language.Pick("Tên tiếng Anh", "English name"), Language.Pick("Nhóm", "Category"), Language.Pick("Nhãn hiệu", "Brand"),
             "OCOP", Language.Pick("Tiêu chuẩn", "Standards"), Language.Pick("Thị trường xuất khẩu", "Export markets")],
            [.. rows.Select(p => (IReadOnlyList<string>)[p.Gtin, p.NameVi, p.NameEn ?? "", p.Category ?? "", p.Brand ?? "", p.OcopStars?.ToString() ?? "",
                string.Join(", ", p.Standards), string.Join(", ", p.ExportMarkets)])]));
    }

    /// <summary>The products a list or its export shows: the caller's own, or every organization's (or the one chosen) for oversight; the search applied, the order chosen.</summary>
    private static (IQueryable<Product> Query, string? Text, ListSort Sort) Listed(string? q, string? sort, OrganizationScope? scope, Caller caller, TraceDb db)
    {
        var query = OrganizationScope.Visible(db.Products.AsNoTracking(), caller, scope);

        var text = Portal.ListPage.Query(q);
        if (text is not null)
        {
            var folded = SearchText.Fold(text);
            query = query.Where(p => EF.Property<string>(p, ISearchable.KeyProperty).Contains(folded) || p.Gtin.Contains(text));
        }

        return (query, text, ListSort.Of(sort, new ListSort("ten", false), "ten", "gtin", "ocop", "moi"));
    }

    private static IQueryable<Product> Sorted(IQueryable<Product> query, ListSort sort) => sort.Key switch
    {
        "gtin" => sort.Apply(query, p => p.Gtin),
        "ocop" => sort.Apply(query, p => p.OcopStars).ThenBy(p => p.NameVi).ThenBy(p => p.Id),
        "moi" => sort.Apply(query, p => p.CreatedAt).ThenBy(p => p.Id),
        _ => sort.Apply(query, p => p.NameVi).ThenBy(p => p.Id),
    };

    private static async Task<RazorComponentResult<ProductFormPage>> NewForm(Caller caller, TraceDb db, CancellationToken cancellationToken) =>
        new(new { CompanyPrefix = await PrefixAsync(caller, db, cancellationToken) });

    private static async Task<IResult> Create(HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = await ReadAsync(context, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == caller.Organization, cancellationToken);
        var errors = new FieldErrors();
        var photo = await ReadPhotoAsync(context, errors, cancellationToken);
        if (ProductRules.Create(request, organization, clock.GetUtcNow(), errors) is { } product && !errors.Any)
        {
            if (await db.Products.AnyAsync(p => p.Gtin == product.Gtin, cancellationToken))
            {
                GtinTaken(errors);
            }
            else
            {
                db.Products.Add(product);
                if (photo is { } image)
                {
                    await ProductImage.KeepAsync(db, product, image.Bytes, image.ContentType, product.CreatedAt, cancellationToken);
                }

                if (await db.TrySaveUniqueAsync(cancellationToken))
                {
                    return TypedResults.LocalRedirect("/portal/san-pham?xong=1");
                }

                GtinTaken(errors);
            }
        }

        return new RazorComponentResult<ProductFormPage>(new { Form = request, Errors = errors, CompanyPrefix = organization.Gs1CompanyPrefix })
        {
            StatusCode = StatusCodes.Status422UnprocessableEntity,
        };
    }

    private static async Task<IResult> EditForm(Guid id, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == caller.OrganizationId, cancellationToken);
        return product is null ? NotFound() : new RazorComponentResult<ProductFormPage>(new { Form = ToRequest(product), ProductId = id, product.Version });
    }

    private static async Task<IResult> Change(Guid id, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == caller.OrganizationId, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        var request = await ReadAsync(context, cancellationToken) with { Gtin = product.Gtin, ImageUrl = product.ImageUrl };
        var errors = new FieldErrors();
        var form = context.Request.Form;
        // The version the form was opened at: a change made meanwhile (another tab, a colleague) is not overwritten unseen.
        if (!int.TryParse(form["version"], out var version) || version != product.Version)
        {
            errors.Add("name.vi", "sản phẩm vừa được người khác sửa; hãy mở lại trang để xem bản mới rồi sửa lại",
                "the product was just changed by someone else; open the page again to see the new version, then edit it");
        }
        else if (await ReadPhotoAsync(context, errors, cancellationToken) is var photo && ProductRules.Change(request, product, clock.GetUtcNow(), errors) && !errors.Any)
        {
            if (photo is { } image)
            {
                await ProductImage.KeepAsync(db, product, image.Bytes, image.ContentType, clock.GetUtcNow(), cancellationToken);
            }
            else if (form["removePhoto"] == "1")
            {
                await ProductImage.RemoveAsync(db, product, clock.GetUtcNow(), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.LocalRedirect("/portal/san-pham?xong=1");
        }

        return new RazorComponentResult<ProductFormPage>(new { Form = request, Errors = errors, ProductId = id, product.Version })
        {
            StatusCode = StatusCodes.Status422UnprocessableEntity,
        };
    }

    private static async Task<ProductRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        return Request(field => form[field]);
    }

    /// <summary>A product as the form's fields (or a spreadsheet row's cells, by the same names) give it: lists comma-separated, a rating that is not a number kept as invalid.</summary>
    internal static ProductRequest Request(Func<string, string?> field)
    {
        var stars = field("ocopStars")?.Trim() ?? "";
        return new ProductRequest(field("gtin"), new LocalizedName(field("name.vi"), field("name.en")), field("description"), null, field("category"), field("brand"),
            CommaSeparated(field("standards")), int.TryParse(stars, out var n) ? n : stars.Length > 0 ? -1 : null, CommaSeparated(field("exportMarkets")),
            field("group") is { Length: > 0 } group ? group : null);
    }

    private static Task<(byte[] Bytes, string ContentType)?> ReadPhotoAsync(HttpContext context, FieldErrors errors, CancellationToken cancellationToken) =>
        UploadedFiles.ReadAsync(context.Request.Form.Files.GetFile("photo"), "photo", ProductImage.MaxBytes, b => ProductImage.Sniff(b),
            "ảnh JPEG, PNG hoặc WebP", "a JPEG, PNG or WebP image", errors, cancellationToken);

    private static List<string> CommaSeparated(string? commaSeparated) =>
        [.. (commaSeparated ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static ProductRequest ToRequest(Product p) =>
        new(p.Gtin, new LocalizedName(p.NameVi, p.NameEn), p.Description, p.ImageUrl, p.Category, p.Brand, [.. p.Standards], p.OcopStars, [.. p.ExportMarkets], p.Group);

    private static async Task<string?> PrefixAsync(Caller caller, TraceDb db, CancellationToken cancellationToken) =>
        await db.Organizations.Where(o => o.Id == caller.OrganizationId).Select(o => o.Gs1CompanyPrefix).FirstOrDefaultAsync(cancellationToken);

    private static void GtinTaken(FieldErrors errors) =>
        errors.Add("gtin", "GTIN này đã được đăng ký cho một sản phẩm khác", "this GTIN is already registered for another product");

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        Portal.PortalAnswers.NotFound("Không có sản phẩm này trong tổ chức của bạn.", "There is no such product in your organization.", "/portal/san-pham");
}
