using System.Globalization;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.LabelPrinting;

/// <summary>How a label is asked for: symbology, format and printed size, shared by every label endpoint.</summary>
public sealed record LabelQuery(string? Symbology, string? Format, double? WidthMm, int? Dpi, int? Scale)
{
    public (Symbology Symbology, LabelFormat Format, LabelSize Size) Validate(FieldErrors errors, string defaultSymbology)
    {
        var symbology = LabelRenderer.Symbologies.GetValueOrDefault(Symbology ?? defaultSymbology);
        if (!LabelRenderer.Symbologies.ContainsKey(Symbology ?? defaultSymbology))
        {
            errors.Add("symbology", $"'{FieldErrors.Shown(Symbology!)}' không hỗ trợ; chỉ có {string.Join(", ", LabelRenderer.Symbologies.Keys)}",
                $"'{FieldErrors.Shown(Symbology!)}' is not supported; use {string.Join(", ", LabelRenderer.Symbologies.Keys)}");
        }

        var format = LabelRenderer.Formats.GetValueOrDefault(Format ?? "png");
        if (!LabelRenderer.Formats.ContainsKey(Format ?? "png"))
        {
            errors.Add("format", $"'{FieldErrors.Shown(Format!)}' không hỗ trợ; chỉ có png, svg hoặc zpl", $"'{FieldErrors.Shown(Format!)}' is not supported; use png, svg or zpl");
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

/// <summary>What a lot's labels carry.</summary>
public static class LabelContent
{
    /// <summary>GTIN, lot, the date consumers look for, and the serial if one is asked for, as a bracketed element string.</summary>
    public static string Bracketed(Lot lot, string gtin, string? serial)
    {
        static string Date(DateOnly date) => date.ToString("yyMMdd", CultureInfo.InvariantCulture);
        var dated = lot.ExpiryDate is { } expiry ? $"(17){Date(expiry)}" : lot.BestBeforeDate is { } best ? $"(15){Date(best)}" : "";
        var escapedLot = lot.LotNumber.Replace("(", "\\(", StringComparison.Ordinal);
        return $"(01){gtin}{dated}(10){escapedLot}{(serial is null ? "" : $"(21){serial}")}";
    }

    /// <summary>A file name that any file system and any browser download accept.</summary>
    public static string FileName(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));
}
