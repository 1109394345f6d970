using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.LabelPrinting.Pages;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.LabelPrinting;

/// <summary>A producer prints a lot's labels from the portal: choose, see the real symbol, download or print a sheet.</summary>
public static class LabelPages
{
    public static void MapLabelPages(this RouteGroupBuilder signedIn)
    {
        var labels = signedIn.MapGroup("/lo/{id:guid}/nhan").RequireAuthorization(PortalSession.Producers);
        labels.MapGet("/", Choose);
        labels.MapGet("/tep", File);
        labels.MapGet("/to-in", Sheet);
    }

    private static async Task<IResult> Choose(Guid id, string? symbology, string? widthMm, string? stock, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
    {
        var lot = await FindAsync(id, caller, db, cancellationToken);
        if (lot is null)
        {
            return NotFound();
        }

        var chosenSymbology = LotLabelsPage.Symbologies.Any(s => s.Value == symbology) ? symbology! : "qr";
        var chosenStock = LotLabelsPage.Stocks.Any(s => s.Value == stock) ? stock! : "3x8";
        var width = int.TryParse(widthMm, out var mm) ? Math.Clamp(mm, 10, 120) : 30;
        var errors = new FieldErrors();
        var (symbol, format, size) = new LabelQuery(chosenSymbology, "svg", width, null, null).Validate(errors, "qr");
        var label = LotLabelsApi.Render(lot, symbol, format, size, null, urls);
        return new RazorComponentResult<LotLabelsPage>(new
        {
            LotId = id, lot.LotNumber, Content = LabelContent.Bracketed(lot, lot.Product!.Gtin, null),
            Symbology = chosenSymbology, WidthMm = width, Stock = chosenStock,
            Problem = label.IsValid ? null : string.Join(" ", label.Problems.Select(p => Language.Pick(p.Vietnamese, p.English))),
            Preview = label.IsValid ? $"data:{label.Value!.ContentType};base64,{Convert.ToBase64String(label.Value.Bytes)}" : null,
        });
    }

    private static async Task<IResult> File(Guid id, [AsParameters] LabelQuery query, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lot = await FindAsync(id, caller, db, cancellationToken);
        if (lot is null)
        {
            return NotFound();
        }

        var errors = new FieldErrors();
        var (symbology, format, size) = query.Validate(errors, "qr");
        if (errors.Any)
        {
            return errors.Problem();
        }

        var label = LotLabelsApi.Render(lot, symbology, format, size, null, urls);
        if (!label.IsValid)
        {
            foreach (var problem in label.Problems)
            {
                errors.Add("symbology", problem.Vietnamese, problem.English);
            }

            return errors.Problem();
        }

        await LabelsPrinted.NoteAsync(db, lot.Id, clock, cancellationToken);
        var name = LabelContent.FileName($"nhan-{lot.Product!.Gtin}-{lot.LotNumber}");
        return TypedResults.File(label.Value!.Bytes, label.Value.ContentType, $"{name}.{label.Value.Extension}");
    }

    private static async Task<IResult> Sheet(Guid id, string? stock, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lot = await FindAsync(id, caller, db, cancellationToken);
        if (lot is null)
        {
            return NotFound();
        }

        await LabelsPrinted.NoteAsync(db, lot.Id, clock, cancellationToken);
        var layout = LabelStock.Layouts.GetValueOrDefault(stock ?? "3x8") ?? LabelStock.Layouts["3x8"];
        var gtin = lot.Product!.Gtin;
        var qr = QrLabel.Encode(urls.For(new DigitalLink(gtin, Lot: lot.LotNumber)));
        var labels = Enumerable.Repeat(new LabelSheet.Label(qr, null), layout.Columns * layout.Rows).ToList();
        return new RazorComponentResult<LabelSheet>(new { Stock = layout, Gtin = gtin, lot.LotNumber, Labels = labels });
    }

    private static Task<Lot?> FindAsync(Guid id, Caller caller, TraceDb db, CancellationToken cancellationToken) =>
        db.Lots.AsNoTracking().Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id && l.OrganizationId == caller.OrganizationId, cancellationToken);

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        Portal.PortalAnswers.NotFound("Không có lô này trong tổ chức của bạn.", "There is no such lot in your organization.", "/portal/lo");
}
