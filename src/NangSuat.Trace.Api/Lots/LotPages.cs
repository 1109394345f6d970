using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots.Pages;
using NangSuat.Trace.Api.Portal;

namespace NangSuat.Trace.Api.Lots;

/// <summary>
/// Lots in the portal: a producer registers one (prefilled from the product), reads and recalls its own;
/// an inspector or administrator searches every organization's lots and recalls any of them.
/// </summary>
public static class LotPages
{
    /// <summary>The list's filter for recalled lots alone (<c>?chi=thu-hoi</c>), as an organization's page links to it.</summary>
    public const string RecalledOnly = "chi";
    public const string RecalledOnlyValue = "thu-hoi";

    public static void MapLotPages(this RouteGroupBuilder signedIn)
    {
        var lots = signedIn.MapGroup("/lo");
        lots.MapGet("/", List);
        lots.MapGet("/tep.{format}", Export);
        lots.MapGet("/moi", NewForm).RequireAuthorization(PortalSession.Producers);
        lots.MapPost("/moi", Create).RequireAuthorization(PortalSession.Producers);
        lots.MapGet("/{id:guid}", Show);
        lots.MapPost("/{id:guid}/thu-hoi", Recall);
    }

    private static async Task<RazorComponentResult<LotListPage>> List(
        string? q, [FromQuery(Name = "trang")] int? page, [FromQuery(Name = ListSort.Parameter)] string? sort, [FromQuery(Name = "xong")] string? done, [FromQuery(Name = "so")] int? count,
        [FromQuery(Name = OrganizationScope.Parameter)] string? organization, [FromQuery(Name = RecalledOnly)] string? only,
        Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var scope = await OrganizationScope.OfAsync(organization, caller, db, cancellationToken);
        var recalledOnly = only == RecalledOnlyValue;
        var (query, text, order) = Listed(q, sort, scope, recalledOnly, caller, db);
        var list = await Portal.ListPage.OfAsync(query, page, cancellationToken);
        // The organization column is for oversight across organizations; within one, it would say the same name on every row.
        var holders = caller.SeesAll && scope is null;
        var items = await Sorted(query, order).Skip(list.Skip).Take(Portal.ListPage.Size)
            .Select(l => new LotListPage.Row(l.Id, l.LotNumber, l.Product!.NameVi, l.ProductionDate, l.Status == LotStatus.Recalled, holders ? l.Organization!.Name : null))
            .ToListAsync(cancellationToken);
        return new(new
        {
            Items = items, Query = text, Sort = order, Total = list.Total, Page = list.Number, Pages = list.Pages, Scope = scope, CanRegister = caller.Role == Roles.Producer,
            RecalledOnly = recalledOnly, ShowsHolder = holders,
            Notice = done switch
            {
                "1" => Language.Pick("Đã đăng ký lô.", "The lot is registered."),
                "nhap" => Language.Pick($"Đã ghi {count ?? 0:N0} lô từ tệp.", $"{count ?? 0:N0} lots were written from the file."),
                _ => null,
            },
        });
    }

    private static async Task<IResult> Export(
        string format, string? q, [FromQuery(Name = ListSort.Parameter)] string? sort, [FromQuery(Name = OrganizationScope.Parameter)] string? organization,
        [FromQuery(Name = RecalledOnly)] string? only, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
    {
        if (ExportTable.Format(format) is not { } chosen)
        {
            return NotFound();
        }

        var scope = await OrganizationScope.OfAsync(organization, caller, db, cancellationToken);
        var (query, _, order) = Listed(q, sort, scope, only == RecalledOnlyValue, caller, db);
        var rows = await Sorted(query, order).Take(ExportTable.MaxRows)
            .Select(l => new
            {
                l.Product!.Gtin, l.LotNumber, Product = l.Product.NameVi, Area = l.ProductionArea!.Name, l.ProductionDate, l.PackingDate, l.ExpiryDate, l.BestBeforeDate,
                l.QuantityValue, l.QuantityUnit, l.Status,
            })
            .ToListAsync(cancellationToken);
        static string Date(DateOnly? d) => d?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        // The import template's headers first, in its order, so an exported list can be edited and imported again.
        return ExportTable.File(chosen, "lo-hang", new ExportTable(Language.Pick("Lô hàng", "Lots"),
            [.. new LotImport().Columns.Select(c => Language.Pick(c.Vietnamese, c.English)), Language.Pick("Sản phẩm", "Product"), Language.Pick("Trạng thái", "Status"), "Digital Link"],
            [.. rows.Select(l => (IReadOnlyList<string>)[l.Gtin, l.LotNumber, l.Area ?? "", Date(l.ProductionDate), Date(l.PackingDate), Date(l.ExpiryDate), Date(l.BestBeforeDate),
                l.QuantityValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", l.QuantityUnit ?? "", l.Product,
                l.Status == LotStatus.Recalled ? Language.Pick("Đã thu hồi", "Recalled") : Language.Pick("Đang lưu hành", "On sale"),
                urls.For(new Gs1.DigitalLink(l.Gtin, Lot: l.LotNumber))])]));
    }

    /// <summary>The lots a list or its export shows: the caller's own, or every organization's (or the one chosen) for oversight; the search applied, the order chosen.</summary>
    private static (IQueryable<Lot> Query, string? Text, ListSort Sort) Listed(string? q, string? sort, OrganizationScope? scope, bool recalledOnly, Caller caller, TraceDb db)
    {
        var query = OrganizationScope.Visible(db.Lots.AsNoTracking(), caller, scope);
        if (recalledOnly)
        {
            query = query.Where(l => l.Status == LotStatus.Recalled);
        }

        var text = Portal.ListPage.Query(q);
        if (text is not null)
        {
            var folded = SearchText.Fold(text);
            query = query.Where(l => l.LotNumber.StartsWith(text) || EF.Property<string>(l.Product!, ISearchable.KeyProperty).Contains(folded));
        }

        return (query, text, ListSort.Of(sort, new ListSort("moi", true), "moi", "so", "san-pham", "ngay", "trang-thai"));
    }

    private static IQueryable<Lot> Sorted(IQueryable<Lot> query, ListSort sort) => sort.Key switch
    {
        "so" => sort.Apply(query, l => l.LotNumber).ThenBy(l => l.Id),
        "san-pham" => sort.Apply(query, l => l.Product!.NameVi).ThenBy(l => l.LotNumber).ThenBy(l => l.Id),
        "ngay" => sort.Apply(query, l => l.ProductionDate).ThenBy(l => l.Id),
        "trang-thai" => sort.Apply(query, l => l.Status).ThenByDescending(l => l.Id),
        _ => sort.Apply(query, l => l.Id),
    };

    private static async Task<RazorComponentResult<LotFormPage>> NewForm(string? gtin, Caller caller, TraceDb db, CancellationToken cancellationToken) =>
        await FormAsync(new LotRequest(gtin, null, null, null, null, null, null, null), null, StatusCodes.Status200OK, caller, db, cancellationToken);

    private static async Task<IResult> Create(HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var request = new LotRequest(form["gtin"], form["lotNumber"], FormValues.Choice(errors, "productionAreaId", form["productionAreaId"]),
            FormValues.Date(errors, "productionDate", form["productionDate"]), FormValues.Date(errors, "packingDate", form["packingDate"]),
            FormValues.Date(errors, "expiryDate", form["expiryDate"]), FormValues.Date(errors, "bestBeforeDate", form["bestBeforeDate"]),
            Quantity(errors, form["quantity.value"], form["quantity.unit"]));
        var (lot, _) = await LotRules.CreateAsync(request, caller.Organization, db, clock.GetUtcNow(), errors, cancellationToken);
        if (lot is not null && !errors.Any)
        {
            db.Lots.Add(lot);
            if (await db.TrySaveUniqueAsync(cancellationToken))
            {
                return TypedResults.LocalRedirect($"/portal/lo/{lot.Id}?xong=1");
            }

            errors.Add("lotNumber", "sản phẩm này đã có lô mang số này", "this product already has a lot with this number");
        }

        return await FormAsync(request, errors, StatusCodes.Status422UnprocessableEntity, caller, db, cancellationToken);
    }

    private static async Task<IResult> Show(Guid id, [FromQuery(Name = "xong")] string? done, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, caller, db, cancellationToken);
        var batches = found is null || caller.SeesAll ? [] : await db.SerialBatches.AsNoTracking().Where(b => b.LotId == id)
            .OrderByDescending(b => b.Id).Take(10).ToListAsync(cancellationToken);
        return found is null
            ? NotFound()
            : LotPage(found.Value, caller, null, batches, done switch
            {
                "1" => Language.Pick("Đã đăng ký lô. Nhãn của lô dẫn tới trang công khai dưới đây.", "The lot is registered. Its labels lead to the public page below."),
                "thu-hoi" => Language.Pick("Đã thu hồi lô. Lần quét tiếp theo hiện cảnh báo.", "The lot is recalled. The next scan shows the warning."),
                _ => null,
            });
    }

    private static async Task<IResult> Recall(Guid id, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id && (caller.SeesAll || l.OrganizationId == caller.OrganizationId), cancellationToken);
        if (lot is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        if (lot.Status == LotStatus.Recalled)
        {
            return TypedResults.LocalRedirect($"/portal/lo/{id}?xong=thu-hoi");
        }

        if (!LotRules.Recall(new RecallRequest(form["reason"]), lot, clock.GetUtcNow(), errors))
        {
            var holder = caller.SeesAll ? await db.Organizations.Where(o => o.Id == lot.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken) : "";
            return LotPage((lot, lot.Product!.NameVi, lot.Product.Gtin, holder), caller, errors, [], null, StatusCodes.Status422UnprocessableEntity);
        }

        // A recall racing another (a colleague, an inspector) loses on the lot's version and is told so by the error page.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.LocalRedirect($"/portal/lo/{id}?xong=thu-hoi");
    }

    private static async Task<(Lot Lot, string ProductName, string Gtin, string Holder)?> FindAsync(Guid id, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var found = await db.Lots.AsNoTracking().Where(l => l.Id == id && (caller.SeesAll || l.OrganizationId == caller.OrganizationId))
            .Select(l => new { Lot = l, l.Product!.NameVi, l.Product.Gtin, Holder = caller.SeesAll ? l.Organization!.Name : "" })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Lot, found.NameVi, found.Gtin, found.Holder);
    }

    private static RazorComponentResult<LotPage> LotPage(
        (Lot Lot, string ProductName, string Gtin, string Holder) found, Caller caller, FieldErrors? errors, IReadOnlyList<Serials.SerialBatch> batches, string? notice,
        int status = StatusCodes.Status200OK) =>
        new(new
        {
            Batches = batches,
            found.Lot, found.ProductName, found.Gtin, PublicPath = PublicPaths.Lot(found.Gtin, found.Lot.LotNumber), Errors = errors, Notice = notice,
            Holder = caller.SeesAll ? found.Holder : null,
        }) { StatusCode = status };

    private static async Task<RazorComponentResult<LotFormPage>> FormAsync(
        LotRequest request, FieldErrors? errors, int status, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var products = (await db.Products.AsNoTracking().Where(p => p.OrganizationId == caller.OrganizationId).OrderBy(p => p.NameVi)
            .Select(p => new { p.Gtin, p.NameVi }).ToListAsync(cancellationToken)).Select(p => (p.Gtin, p.NameVi)).ToList();
        var areas = (await db.ProductionAreas.AsNoTracking().Where(a => a.OrganizationId == caller.OrganizationId).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken)).Select(a => (a.Id, a.Name)).ToList();
        // The product chosen may be written as 13 digits on the link that opened the form; the list holds GTIN-14.
        if (request.Gtin is { Length: > 0 } gtin && NangSuat.Trace.Gs1.Gs1Keys.Gtin(gtin).Value is { } gtin14)
        {
            request = request with { Gtin = gtin14 };
        }

        return new(new { Products = products, Areas = areas, Form = request, Errors = errors }) { StatusCode = status };
    }

    /// <summary>The quantity typed in a form or a spreadsheet row; none when both cells are empty.</summary>
    internal static Quantity? Quantity(FieldErrors errors, string? value, string? unit)
    {
        if (string.IsNullOrWhiteSpace(value) && string.IsNullOrWhiteSpace(unit))
        {
            return null;
        }

        return new Quantity(FormValues.Number(errors, "quantity.value", value), unit);
    }

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        Portal.PortalAnswers.NotFound("Không có lô này trong tổ chức của bạn.", "There is no such lot in your organization.", "/portal/lo");
}
