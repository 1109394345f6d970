using System.Text;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels.Linear;

namespace NangSuat.Trace.Labels;

public enum Symbology
{
    Qr,
    DataMatrix,
    Gs1_128,
    Ean13,
    Ean8,
    UpcA,
}

public enum LabelFormat
{
    Png,
    Svg,
    Zpl,
}

/// <summary>The printed width of the symbol, quiet zones included, at the printer's resolution; null width keeps each symbology's default module size.</summary>
public sealed record LabelSize(double? WidthMillimetres = null, int Dpi = 300, int? DotsPerModule = null);

public sealed record RenderedLabel(byte[] Bytes, string ContentType, string Extension, string Content);

/// <summary>One place that knows which data each symbology carries and how each format is drawn, for the API and the CLI alike.</summary>
public static class LabelRenderer
{
    public static readonly IReadOnlyDictionary<string, Symbology> Symbologies = new Dictionary<string, Symbology>(StringComparer.OrdinalIgnoreCase)
    {
        ["qr"] = Symbology.Qr, ["datamatrix"] = Symbology.DataMatrix, ["gs1-128"] = Symbology.Gs1_128,
        ["ean13"] = Symbology.Ean13, ["ean8"] = Symbology.Ean8, ["upca"] = Symbology.UpcA,
    };

    public static readonly IReadOnlyDictionary<string, LabelFormat> Formats = new Dictionary<string, LabelFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["png"] = LabelFormat.Png, ["svg"] = LabelFormat.Svg, ["zpl"] = LabelFormat.Zpl,
    };

    /// <summary>
    /// Renders <paramref name="message"/>; a QR code carries <paramref name="digitalLink"/>, the others the
    /// element string itself (EAN/UPC: the GTIN alone). Fails with a reason when the symbology cannot carry the data.
    /// </summary>
    public static Gs1Result<RenderedLabel> Render(Symbology symbology, LabelFormat format, ElementString message, string? digitalLink, LabelSize size)
    {
        var caption = message.Elements.Select(e => $"({e.Ai}) {e.Value}").ToList();
        switch (symbology)
        {
            case Symbology.Qr:
                var qr = QrLabel.Encode(digitalLink ?? throw new ArgumentNullException(nameof(digitalLink)));
                return Ok(format, digitalLink, qr.Size, size,
                    ppm => qr.ToPng(ppm), mm => qr.ToSvg(caption, mm), dots => qr.ToZpl(caption, dots), defaultMm: 0.5);
            case Symbology.DataMatrix:
                var matrix = DataMatrix.Gs1(message.Raw);
                return Ok(format, message.Bracketed, matrix.Size + 2, size,
                    ppm => matrix.ToPng(ppm), mm => matrix.ToSvg(caption, mm), dots => matrix.ToZpl(caption, dots), defaultMm: 0.5);
            case Symbology.Gs1_128:
                var linear = Code128.Gs1(message.Raw, message.Bracketed);
                return Ok(format, message.Bracketed, linear.Width, size, ppm => linear.ToPng(ppm), mm => linear.ToSvg(mm), dots => linear.ToZpl(dots), defaultMm: 0.33);
            default:
                var length = symbology switch { Symbology.Ean13 => 13, Symbology.Ean8 => 8, _ => 12 };
                var gtin = message.Elements.FirstOrDefault(e => e.Ai == "01")?.Value;
                if (gtin is null || gtin[..(14 - length)].Any(c => c != '0'))
                {
                    return Gs1Result<RenderedLabel>.Fail(new Gs1Problem("symbology", Gs1Rule.InvalidPairing,
                        $"{Name(symbology)} carries only a GTIN of {length} digits (leading zeros to 14)",
                        $"{Name(symbology)} chỉ mang được GTIN {length} chữ số (các số 0 đứng đầu cho đủ 14)"));
                }

                var digits = gtin[(14 - length)..];
                var retail = symbology switch { Symbology.Ean13 => Ean.Ean13(digits), Symbology.Ean8 => Ean.Ean8(digits), _ => Ean.UpcA(digits) };
                return Ok(format, digits, retail.Width, size, ppm => retail.ToPng(ppm), mm => retail.ToSvg(mm), dots => retail.ToZpl(dots), defaultMm: 0.33);
        }
    }

    public static string Name(Symbology symbology) => Symbologies.First(s => s.Value == symbology).Key;

    private static Gs1Result<RenderedLabel> Ok(LabelFormat format, string content, int modulesAcross, LabelSize size,
        Func<int, byte[]> png, Func<double, string> svg, Func<int, string> zpl, double defaultMm)
    {
        var moduleMm = size.WidthMillimetres is { } width ? width / modulesAcross : defaultMm;
        // Whole printer dots per module keep every bar the same width; the symbol shrinks a little rather than blur.
        var dots = size.DotsPerModule ?? Math.Max(1, (int)Math.Floor(moduleMm / 25.4 * size.Dpi));
        var label = format switch
        {
            LabelFormat.Svg => new RenderedLabel(Encoding.UTF8.GetBytes(svg(moduleMm)), "image/svg+xml", "svg", content),
            LabelFormat.Zpl => new RenderedLabel(Encoding.UTF8.GetBytes(zpl(dots)), "application/zpl", "zpl", content),
            _ => new RenderedLabel(png(dots), "image/png", "png", content),
        };
        return Gs1Result<RenderedLabel>.Ok(label);
    }
}
