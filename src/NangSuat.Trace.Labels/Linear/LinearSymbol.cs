using System.Globalization;
using System.Net;
using System.Text;

namespace NangSuat.Trace.Labels.Linear;

/// <summary>
/// A one-dimensional symbol as a row of modules (true = bar), with its quiet zones and the
/// human-readable interpretation printed under it.
/// </summary>
public sealed class LinearSymbol(bool[] modules, int quietLeft, int quietRight, string humanReadable)
{
    public IReadOnlyList<bool> Modules => modules;
    public int QuietLeft => quietLeft;
    public int QuietRight => quietRight;
    public string HumanReadable => humanReadable;
    public int Width => quietLeft + modules.Length + quietRight;

    /// <summary>Bars as (start, width) runs in module units, quiet zone included in the offset.</summary>
    public IEnumerable<(int Start, int Width)> Bars()
    {
        for (var i = 0; i < modules.Length; i++)
        {
            if (!modules[i])
            {
                continue;
            }

            var run = 1;
            while (i + run < modules.Length && modules[i + run])
            {
                run++;
            }

            yield return (quietLeft + i, run);
            i += run - 1;
        }
    }

    public byte[] ToPng(int pixelsPerModule = 3, int barHeightModules = 50) =>
        PngWriter.Monochrome(Width * pixelsPerModule, barHeightModules * pixelsPerModule, _ => 0, (x, _) =>
        {
            var module = x / pixelsPerModule - quietLeft;
            return module >= 0 && module < modules.Length && modules[module];
        });

    /// <summary>ZPL with the symbol at <paramref name="dotsPerModule"/> printer dots per module (2 at 203 dpi ≈ 0.25 mm).</summary>
    public string ToZpl(int dotsPerModule = 3, int barHeightModules = 50) =>
        ZplWriter.Graphic(Width * dotsPerModule, barHeightModules * dotsPerModule, (x, _) =>
        {
            var module = x / dotsPerModule - quietLeft;
            return module >= 0 && module < modules.Length && modules[module];
        }, [humanReadable]);

    /// <summary>Vector SVG on the module grid; <paramref name="moduleMillimetres"/> sets the printed X-dimension.</summary>
    public string ToSvg(double moduleMillimetres = 0.33, int barHeightModules = 50)
    {
        const int textHeight = 9;
        var height = barHeightModules + textHeight;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width * moduleMillimetres}mm\" height=\"{height * moduleMillimetres}mm\" viewBox=\"0 0 {Width} {height}\" shape-rendering=\"crispEdges\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        foreach (var (start, width) in Bars())
        {
            svg.Append(CultureInfo.InvariantCulture, $"M{start} 0h{width}v{barHeightModules}h-{width}z");
        }

        svg.Append(CultureInfo.InvariantCulture,
            $"\"/><text x=\"{Width / 2.0}\" y=\"{barHeightModules + textHeight - 1.5}\" font-family=\"'OCR-B','OCRB','DejaVu Sans Mono',monospace\" font-size=\"7\" text-anchor=\"middle\" fill=\"#000\">{WebUtility.HtmlEncode(humanReadable)}</text></svg>");
        return svg.ToString();
    }

    internal static bool[] FromPattern(string ones) => ones.Select(c => c == '1').ToArray();
}
