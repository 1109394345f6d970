using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.Serials;

/// <summary>Label output for a whole batch of serials: a streamed ZIP of files, or printable A4 sheets.</summary>
public static class SerialLabelsApi
{
    /// <summary>Common A4 label stock: columns, rows, label width and height, left and top margin, in millimetres.</summary>
    public static readonly IReadOnlyDictionary<string, (int Columns, int Rows, double Width, double Height, double Left, double Top)> Layouts =
        new Dictionary<string, (int, int, double, double, double, double)>
        {
            ["3x8"] = (3, 8, 70, 37, 0, 0.5),
            ["4x10"] = (4, 10, 52.5, 29.7, 0, 0),
            ["5x13"] = (5, 13, 38.1, 21.2, 9.75, 10.7),
        };

    public const int MaxSheetLabels = 2000;

    public static void MapSerialLabels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/serial-batches").WithTags("Lots").RequireAuthorization(Roles.AnyReader);
        group.MapGet("/{id:guid}/labels.zip", Zip).WithSummary("One label file per serial of the batch, streamed as a ZIP (PNG, SVG or ZPL)");
        group.MapGet("/{id:guid}/sheet", Sheet).WithSummary("Printable A4 sheets (HTML with print CSS) of the batch's QR labels on 3x8, 4x10 or 5x13 stock");
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Zip(
        Guid id, [AsParameters] LabelQuery query, Caller caller, TraceDb db, ResolverLinks links, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (symbology, format, size) = query.Validate(errors, "qr");
        if (symbology is not (Symbology.Qr or Symbology.DataMatrix or Symbology.Gs1_128))
        {
            errors.Add("symbology", "EAN/UPC không mang được số sê-ri; dùng qr, datamatrix hoặc gs1-128", "EAN/UPC cannot carry a serial; use qr, datamatrix or gs1-128");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var (batch, lot) = await FindAsync(db, id, caller, cancellationToken);
        if (batch is null || lot is null)
        {
            return NotFound(id);
        }

        var baseUrl = links.BaseUrl;
        var gtin = lot.Product!.Gtin;
        return TypedResults.Stream(async stream =>
        {
            // Each label is drawn, written, sent and forgotten: 100,000 labels never sit in memory together.
            await using var output = new DrainingStream(stream);
            var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            await foreach (var serial in Serials(db, id, 0, int.MaxValue).WithCancellation(cancellationToken))
            {
                var message = ElementStringParser.Parse(LotLabels.Bracketed(lot, gtin, serial)).Value!;
                var label = LabelRenderer.Render(symbology, format, message, new DigitalLink(gtin, Lot: lot.LotNumber, Serial: serial).ToUri(baseUrl), size);
                var entry = zip.CreateEntry($"{serial}.{label.Value!.Extension}", format == LabelFormat.Png ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
                await using (var file = await entry.OpenAsync(cancellationToken))
                {
                    await file.WriteAsync(label.Value.Bytes, cancellationToken);
                }

                await output.DrainAsync(cancellationToken);
            }

            await zip.DisposeAsync(); // writes the central directory
            await output.DrainAsync(cancellationToken);
        }, "application/zip", $"nhan-{gtin}-{lot.LotNumber}-{id}.zip");
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Sheet(
        Guid id, string? layout, int? first, int? count, Caller caller, TraceDb db, ResolverLinks links, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!Layouts.TryGetValue(layout ?? "3x8", out var stock))
        {
            errors.Add("layout", $"chỉ có {string.Join(", ", Layouts.Keys)}", $"use {string.Join(", ", Layouts.Keys)}");
        }

        if (first is < 1)
        {
            errors.Add("first", "phải từ 1 trở lên", "must be 1 or more");
        }

        if (count is < 1 or > MaxSheetLabels)
        {
            errors.Add("count", $"phải từ 1 đến {MaxSheetLabels}", $"must be between 1 and {MaxSheetLabels}");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var (batch, lot) = await FindAsync(db, id, caller, cancellationToken);
        if (batch is null || lot is null)
        {
            return NotFound(id);
        }

        var baseUrl = links.BaseUrl;
        var gtin = lot.Product!.Gtin;
        var perPage = stock.Columns * stock.Rows;
        var take = count ?? Math.Min(perPage, batch.Count);
        return TypedResults.Stream(async stream =>
        {
            await using var html = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024);
            await html.WriteAsync(SheetHead(stock, gtin, lot.LotNumber));
            var index = 0;
            await foreach (var serial in Serials(db, id, (first ?? 1) - 1, take).WithCancellation(cancellationToken))
            {
                if (index % perPage == 0)
                {
                    await html.WriteAsync(index == 0 ? "<section class=\"sheet\">" : "</section><section class=\"sheet\">");
                }

                var link = new DigitalLink(gtin, Lot: lot.LotNumber, Serial: serial).ToUri(baseUrl);
                var qr = QrLabel.Encode(link);
                var moduleMm = Math.Min(stock.Height - 4, stock.Width * 0.5) / qr.Size;
                await html.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                    $"<div class=\"label\">{qr.ToSvg([], moduleMm)}<p>(01) {gtin}<br>(10) {PublicPages.Html.Encode(lot.LotNumber)}<br>(21) {serial}</p></div>\n"));
                index++;
            }

            await html.WriteAsync("</section></body></html>");
        }, "text/html; charset=utf-8");
    }

    private static string SheetHead((int Columns, int Rows, double Width, double Height, double Left, double Top) stock, string gtin, string lot) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="vi"><head><meta charset="utf-8"><title>Nhãn {{gtin}} lô {{PublicPages.Html.Encode(lot)}}</title>
            <style>
            @page { size: A4; margin: 0 }
            body { margin: 0; font: 2.6mm/1.25 'DejaVu Sans Mono', monospace }
            .sheet { width: 210mm; height: 297mm; box-sizing: border-box; padding: {{stock.Top}}mm 0 0 {{stock.Left}}mm;
                     display: grid; grid-template-columns: repeat({{stock.Columns}}, {{stock.Width}}mm); grid-auto-rows: {{stock.Height}}mm;
                     page-break-after: always; break-after: page; overflow: hidden }
            .label { display: flex; align-items: center; gap: 1mm; padding: 1mm; box-sizing: border-box; overflow: hidden }
            .label svg { flex: none } .label p { margin: 0; overflow-wrap: anywhere }
            @media screen { .sheet { outline: 1px dashed #999; margin-bottom: 4mm } }
            </style></head><body>
            """);

    private static IAsyncEnumerable<string> Serials(TraceDb db, Guid batchId, int skip, int take) =>
        db.SerialNumbers.AsNoTracking().Where(s => s.BatchId == batchId).OrderBy(s => s.Value).Skip(skip).Take(take).Select(s => s.Value).AsAsyncEnumerable();

    /// <summary>A batch the caller may see, with its lot and product; nulls when there is none.</summary>
    internal static async Task<(SerialBatch? Batch, Lot? Lot)> FindAsync(TraceDb db, Guid id, Caller caller, CancellationToken cancellationToken)
    {
        var batch = await db.SerialBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null || !caller.CanSee(batch.OrganizationId))
        {
            return (null, null);
        }

        return (batch, await db.Lots.AsNoTracking().Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == batch.LotId, cancellationToken));
    }

    internal static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"Không có đợt cấp sê-ri {id}.", $"There is no serial batch {id}.");
}
