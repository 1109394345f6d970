using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.LabelPrinting;

public static class LotLabelsApi
{
    public static void MapLotLabels(this RouteGroupBuilder labels) =>
        labels.MapGet("/lots/{id:guid}/label", Get).ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/png", "image/svg+xml", "application/zpl")
            .WithName("GetLotLabel")
            .WithSummary("The lot's label: QR (GS1 Digital Link), GS1 DataMatrix, GS1-128 or EAN/UPC, as PNG, SVG or ZPL, sized in millimetres at a dpi; ?serial= for one item");

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, [AsParameters] LabelQuery query, string? serial, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (symbology, format, size) = query.Validate(errors, "qr");
        if (serial is not null)
        {
            errors.Gs1("serial", Cset82.Validate(serial, "21"));
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var lot = await db.Lots.AsNoTracking().Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lot is null || !caller.CanSee(lot.OrganizationId))
        {
            return Problems.NotFound(RecordKind.Lot, id);
        }

        var gtin = lot.Product!.Gtin;
        if (serial is not null && !await db.SerialNumbers.AnyAsync(s => s.ProductId == lot.ProductId && s.Value == serial && s.LotId == lot.Id, cancellationToken))
        {
            return Problems.NotFound($"Số sê-ri {serial} chưa được cấp cho lô này.", $"Serial {serial} has not been issued for this lot.");
        }

        var label = Render(lot, symbology, format, size, serial, urls);
        if (!label.IsValid)
        {
            foreach (var problem in label.Problems)
            {
                errors.Add("symbology", problem.Vietnamese, problem.English);
            }

            return errors.Problem();
        }

        if (lot.OrganizationId == caller.OrganizationId)
        {
            await LabelsPrinted.NoteAsync(db, lot.Id, clock, cancellationToken);
        }

        var name = LabelContent.FileName($"nhan-{gtin}-{lot.LotNumber}{(serial is null ? "" : "-" + serial)}");
        return TypedResults.File(label.Value!.Bytes, label.Value.ContentType, $"{name}.{label.Value.Extension}");
    }

    /// <summary>The lot's label (a serial's when given), for the API and the portal's label page alike.</summary>
    public static Gs1Result<RenderedLabel> Render(Lot lot, Symbology symbology, LabelFormat format, LabelSize size, string? serial, PublicUrls urls)
    {
        var gtin = lot.Product!.Gtin;
        var message = ElementStringParser.Parse(LabelContent.Bracketed(lot, gtin, serial)).Value!;
        return LabelRenderer.Render(symbology, format, message, urls.For(new DigitalLink(gtin, Lot: lot.LotNumber, Serial: serial)), size);
    }
}
