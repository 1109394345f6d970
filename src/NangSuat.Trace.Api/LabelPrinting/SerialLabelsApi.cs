using System.IO.Compression;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Serials;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.LabelPrinting;

/// <summary>Label output for a whole batch of serials: a streamed ZIP of files, or printable A4 sheets.</summary>
public static class SerialLabelsApi
{
    public const int MaxSheetLabels = 2000;

    public static void MapSerialLabels(this RouteGroupBuilder labels)
    {
        labels.MapGet("/serial-batches/{id:guid}/labels.zip", Zip).ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/zip")
            .WithName("GetSerialLabelsZip").WithSummary("One label file per serial of the batch, streamed as a ZIP (PNG, SVG or ZPL)");
        labels.MapGet("/serial-batches/{id:guid}/sheet", Sheet).ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status200OK, typeof(string), "text/html")
            .WithName("GetSerialLabelSheet").WithSummary("Printable A4 sheets (HTML with print CSS) of the batch's QR labels on 3x8, 4x10 or 5x13 stock");
    }

    internal static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Zip(
        Guid id, [AsParameters] LabelQuery query, HttpContext context, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
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

        var (batch, lot) = await SerialBatchLookup.FindAsync(db, id, caller, cancellationToken);
        if (batch is null || lot is null)
        {
            return Problems.NotFound(RecordKind.SerialBatch, id);
        }

        if (SerialBatchLookup.StillIssuing(batch, context) is { } wait)
        {
            return wait;
        }

        var baseUrl = urls.BaseUrl;
        var gtin = lot.Product!.Gtin;
        return TypedResults.Stream(async stream =>
        {
            // Each label is drawn, written, sent and forgotten: 100,000 labels never sit in memory together.
            await using var output = new DrainingStream(stream);
            var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            await foreach (var serial in Serials(db, id, 0, int.MaxValue).WithCancellation(cancellationToken))
            {
                var message = ElementStringParser.Parse(LabelContent.Bracketed(lot, gtin, serial)).Value!;
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
        }, "application/zip", LabelContent.FileName($"nhan-{gtin}-{lot.LotNumber}-{id}") + ".zip");
    }

    internal static async Task<Results<RazorComponentResult<LabelSheet>, ValidationProblem, ProblemHttpResult>> Sheet(
        Guid id, string? layout, int? first, int? count, HttpContext context, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!LabelStock.Layouts.TryGetValue(layout ?? "3x8", out var stock))
        {
            errors.Add("layout", $"chỉ có {string.Join(", ", LabelStock.Layouts.Keys)}", $"use {string.Join(", ", LabelStock.Layouts.Keys)}");
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

        var (batch, lot) = await SerialBatchLookup.FindAsync(db, id, caller, cancellationToken);
        if (batch is null || lot is null)
        {
            return Problems.NotFound(RecordKind.SerialBatch, id);
        }

        if (SerialBatchLookup.StillIssuing(batch, context) is { } wait)
        {
            return wait;
        }

        var take = count ?? Math.Min(stock!.Columns * stock.Rows, batch.Count);
        var serials = new List<string>(take);
        await foreach (var serial in Serials(db, id, (first ?? 1) - 1, take).WithCancellation(cancellationToken))
        {
            serials.Add(serial);
        }

        var gtin = lot.Product!.Gtin;
        var baseUrl = urls.BaseUrl;
        var labels = serials.Select(serial => new LabelSheet.Label(QrLabel.Encode(new DigitalLink(gtin, Lot: lot.LotNumber, Serial: serial).ToUri(baseUrl)), serial)).ToList();
        return new RazorComponentResult<LabelSheet>(new { Stock = stock!, Gtin = gtin, LotNumber = lot.LotNumber, Labels = labels });
    }

    private static IAsyncEnumerable<string> Serials(TraceDb db, Guid batchId, int skip, int take) =>
        db.SerialNumbers.AsNoTracking().Where(s => s.BatchId == batchId).OrderBy(s => s.Value).Skip(skip).Take(take).Select(s => s.Value).AsAsyncEnumerable();
}

/// <summary>Common A4 label stock, in millimetres.</summary>
public sealed record LabelStock(int Columns, int Rows, double Width, double Height, double Left, double Top)
{
    public static readonly IReadOnlyDictionary<string, LabelStock> Layouts = new Dictionary<string, LabelStock>
    {
        ["3x8"] = new(3, 8, 70, 37, 0, 0.5),
        ["4x10"] = new(4, 10, 52.5, 29.7, 0, 0),
        ["5x13"] = new(5, 13, 38.1, 21.2, 9.75, 10.7),
    };
}
