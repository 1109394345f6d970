using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.LabelPrinting;

/// <summary>A logistic unit's contents, as the SSCC pallet label states them.</summary>
public sealed record SsccLabelRequest(string? Sscc, string? Gtin, int? Count, string? Lot, DateOnly? BestBefore, DateOnly? Expiry, decimal? NetWeightKg);

public static class SsccLabelsApi
{
    // Request fields by the AI they become, so a GS1 rejection names the field the caller sent.
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["00"] = "sscc", ["02"] = "gtin", ["37"] = "count", ["10"] = "lot", ["15"] = "bestBefore", ["17"] = "expiry", ["3103"] = "netWeightKg",
    };

    public static void MapSsccLabels(this RouteGroupBuilder labels) =>
        labels.MapPost("/labels/sscc", Create).WithName("CreateSsccLabel")
            .WithSummary("SSCC pallet label: GS1-128 (or DataMatrix) with (00), (02), (37), (10), (15)/(17), (3103), as PNG, SVG or ZPL")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/png", "image/svg+xml", "application/zpl");

    private static Results<FileContentHttpResult, ValidationProblem> Create(SsccLabelRequest request, [AsParameters] LabelQuery query, PublicUrls urls)
    {
        var errors = new FieldErrors();
        var (symbology, format, size) = query.Validate(errors, "gs1-128");
        if (request.NetWeightKg is { } kg && (kg <= 0 || kg >= 1000))
        {
            errors.Add("netWeightKg", "phải lớn hơn 0 và nhỏ hơn 1000 kg", "must be more than 0 and less than 1000 kg");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var text = $"(00){request.Sscc?.Trim()}"
            + (request.Gtin is null ? "" : $"(02){request.Gtin.Trim().PadLeft(14, '0')}")
            + (request.Count is null ? "" : $"(37){request.Count.Value.ToString(CultureInfo.InvariantCulture)}")
            + (request.Lot is null ? "" : $"(10){request.Lot.Trim().Replace("(", "\\(", StringComparison.Ordinal)}")
            + (request.BestBefore is { } best ? $"(15){best:yyMMdd}" : "")
            + (request.Expiry is { } expiry ? $"(17){expiry:yyMMdd}" : "")
            + (request.NetWeightKg is { } weight ? $"(3103){decimal.Round(weight * 1000):000000}" : "");
        var message = ElementStringParser.ParseBracketed(text);
        var link = message.Value?.ToDigitalLink(urls.BaseUrl);
        var label = message.IsValid && link!.Value.IsValid ? LabelRenderer.Render(symbology, format, message.Value!, link.Value.Value, size) : default;
        foreach (var problem in message.Problems.Concat(link?.Problems ?? []).Concat(label.Problems ?? []))
        {
            errors.Add(Fields.GetValueOrDefault(problem.Part, problem.Part), problem.Vietnamese, problem.English);
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        return TypedResults.File(label.Value!.Bytes, label.Value.ContentType, $"sscc-{LabelContent.FileName(request.Sscc!)}.{label.Value.Extension}");
    }
}
