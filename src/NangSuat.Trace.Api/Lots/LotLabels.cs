using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.Lots;

/// <summary>How a label is asked for: symbology, format and printed size, shared by every label endpoint.</summary>
public sealed record LabelQuery(string? Symbology, string? Format, double? WidthMm, int? Dpi, int? Scale)
{
    public (Symbology Symbology, LabelFormat Format, LabelSize Size) Validate(FieldErrors errors, string defaultSymbology)
    {
        var symbology = LabelRenderer.Symbologies.GetValueOrDefault(Symbology ?? defaultSymbology);
        if (!LabelRenderer.Symbologies.ContainsKey(Symbology ?? defaultSymbology))
        {
            errors.Add("symbology", $"'{Symbology}' không hỗ trợ; chỉ có {string.Join(", ", LabelRenderer.Symbologies.Keys)}",
                $"'{Symbology}' is not supported; use {string.Join(", ", LabelRenderer.Symbologies.Keys)}");
        }

        var format = LabelRenderer.Formats.GetValueOrDefault(Format ?? "png");
        if (!LabelRenderer.Formats.ContainsKey(Format ?? "png"))
        {
            errors.Add("format", $"'{Format}' không hỗ trợ; chỉ có png, svg hoặc zpl", $"'{Format}' is not supported; use png, svg or zpl");
        }

        errors.Range("widthMm", WidthMm, 5, 300);
        if (Dpi is < 72 or > 1200)
        {
            errors.Add("dpi", "độ phân giải phải từ 72 đến 1200 dpi", "must be between 72 and 1200 dpi");
        }

        if (Scale is < 1 or > 40)
        {
            errors.Add("scale", "số điểm ảnh mỗi mô-đun phải từ 1 đến 40", "pixels per module must be between 1 and 40");
        }

        // Without a printed size, a screen-friendly 8 pixels per module (the label a producer previews).
        return (symbology, format, new LabelSize(WidthMm, Dpi ?? 300, Scale ?? (WidthMm is null ? 8 : null)));
    }
}

public static class LotLabels
{
    public static void MapLotLabels(this RouteGroupBuilder lots) =>
        lots.MapGet("/{id:guid}/label", Get)
            .WithSummary("The lot's label: QR (GS1 Digital Link), GS1 DataMatrix, GS1-128 or EAN/UPC, as PNG, SVG or ZPL, sized in millimetres at a dpi; ?serial= for one item")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/png", "image/svg+xml", "application/zpl");

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, [AsParameters] LabelQuery query, string? serial, Caller caller, TraceDb db, ResolverLinks links, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (symbology, format, size) = query.Validate(errors, "qr");
        if (errors.Any)
        {
            return errors.Problem();
        }

        var lot = await db.Lots.AsNoTracking().Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lot is null || !caller.CanSee(lot.OrganizationId))
        {
            return Problems.NotFound($"Không có lô {id}.", $"There is no lot {id}.");
        }

        var gtin = lot.Product!.Gtin;
        if (serial is not null && !await db.SerialNumbers.AnyAsync(s => s.ProductId == lot.ProductId && s.Value == serial && s.LotId == lot.Id, cancellationToken))
        {
            return Problems.NotFound($"Số sê-ri {serial} chưa được cấp cho lô này.", $"Serial {serial} has not been issued for this lot.");
        }

        var message = ElementStringParser.Parse(Bracketed(lot, gtin, serial)).Value!;
        var label = LabelRenderer.Render(symbology, format, message, links.For(new DigitalLink(gtin, Lot: lot.LotNumber, Serial: serial)), size);
        if (!label.IsValid)
        {
            foreach (var problem in label.Problems)
            {
                errors.Add("symbology", problem.Vietnamese, problem.English);
            }

            return errors.Problem();
        }

        var name = string.Concat($"nhan-{gtin}-{lot.LotNumber}{(serial is null ? "" : "-" + serial)}".Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));
        return TypedResults.File(label.Value!.Bytes, label.Value.ContentType, $"{name}.{label.Value.Extension}");
    }

    /// <summary>What a lot's 2D or linear label carries: GTIN, lot, the date consumers look for, and the serial if one is asked for.</summary>
    public static string Bracketed(Lot lot, string gtin, string? serial)
    {
        static string Date(DateOnly date) => date.ToString("yyMMdd", CultureInfo.InvariantCulture);
        var dated = lot.ExpiryDate is { } expiry ? $"(17){Date(expiry)}" : lot.BestBeforeDate is { } best ? $"(15){Date(best)}" : "";
        var escapedLot = lot.LotNumber.Replace("(", "\\(", StringComparison.Ordinal);
        return $"(01){gtin}{dated}(10){escapedLot}{(serial is null ? "" : $"(21){serial}")}";
    }
}
