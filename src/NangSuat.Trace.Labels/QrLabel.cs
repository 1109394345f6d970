using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;

namespace NangSuat.Trace.Labels;

/// <summary>
/// A GS1 QR Code carrying a Digital Link URI: error correction level M (the GS1 General
/// Specifications' recommendation for Digital Link on consumer packs) and a 4-module quiet zone.
/// </summary>
public sealed class QrLabel
{
    private const int QuietZone = 4;
    private readonly bool[,] _modules;

    private QrLabel(bool[,] modules) => _modules = modules;

    /// <summary>Modules across, quiet zone included.</summary>
    public int Size => _modules.GetLength(0);

    public static QrLabel Encode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // QRCoder's matrix already carries the 4-module quiet zone on every side.
        var rows = data.ModuleMatrix;
        var size = rows.Count;
        var modules = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                modules[y, x] = rows[y][x];
            }
        }

        return new QrLabel(modules);
    }

    public byte[] ToPng(int pixelsPerModule = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        return PngWriter.Monochrome(Size * pixelsPerModule, Size * pixelsPerModule, y => y / pixelsPerModule,
            (x, y) => _modules[y / pixelsPerModule, x / pixelsPerModule]);
    }

    /// <summary>ZPL with the symbol at <paramref name="dotsPerModule"/> printer dots per module (e.g. 8 at 203 dpi ≈ 1 mm).</summary>
    public string ToZpl(IReadOnlyList<string> caption, int dotsPerModule = 8) =>
        ZplWriter.Graphic(Size * dotsPerModule, Size * dotsPerModule, (x, y) => _modules[y / dotsPerModule, x / dotsPerModule], caption);

    /// <summary>
    /// Vector SVG on an integer module grid, with the human-readable interpretation (e.g.
    /// "(01) 08935049500121", "(10) L2026-07") set under the symbol.
    /// </summary>
    public string ToSvg(IReadOnlyList<string> caption, double moduleMillimetres = 0.5)
    {
        const double lineHeight = 3.2; // in modules
        var width = Size;
        var height = Size + (caption.Count == 0 ? 0 : (int)Math.Ceiling(caption.Count * lineHeight + 1));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width * moduleMillimetres}mm\" height=\"{height * moduleMillimetres}mm\" viewBox=\"0 0 {width} {height}\" shape-rendering=\"crispEdges\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                if (!_modules[y, x])
                {
                    continue;
                }

                var run = 1;
                while (x + run < Size && _modules[y, x + run])
                {
                    run++;
                }

                svg.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }

        svg.Append("\"/>");
        for (var i = 0; i < caption.Count; i++)
        {
            var baseline = Size - QuietZone / 2 + (i + 1) * lineHeight;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{width / 2.0}\" y=\"{baseline}\" font-family=\"'OCR-B','OCRB','DejaVu Sans Mono',monospace\" font-size=\"2.6\" text-anchor=\"middle\" fill=\"#000\">{WebUtility.HtmlEncode(caption[i])}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
