using System.Globalization;
using System.Text;

namespace NangSuat.Trace.Labels;

/// <summary>
/// GS1 DataMatrix: ECC 200 (ISO/IEC 16022) with FNC1 first and FNC1 as the separator after
/// variable-length values. ASCII (digit pairs in one codeword), C40 and Text encodation mixed for the
/// fewest codewords (see <see cref="DataMatrixEncodation"/>), square symbols from
/// 10×10 to 132×132 (up to 1,304 codewords, interleaved over as many as eight Reed-Solomon blocks).
/// 144×144 is left out on purpose: its unequal blocks are read by libdmtx but not by ZXing, which
/// many phone scanners are built on.
/// </summary>
public sealed class DataMatrix
{
    private const int QuietZone = 1;

    // Symbol size, data region size, regions per side, data and error-correction codewords, interleaved blocks (16022 table 7).
    private static readonly (int Size, int Region, int Regions, int Data, int Ecc, int Blocks)[] Sizes =
    [
        (10, 8, 1, 3, 5, 1), (12, 10, 1, 5, 7, 1), (14, 12, 1, 8, 10, 1), (16, 14, 1, 12, 12, 1), (18, 16, 1, 18, 14, 1),
        (20, 18, 1, 22, 18, 1), (22, 20, 1, 30, 20, 1), (24, 22, 1, 36, 24, 1), (26, 24, 1, 44, 28, 1), (32, 14, 2, 62, 36, 1),
        (36, 16, 2, 86, 42, 1), (40, 18, 2, 114, 48, 1), (44, 20, 2, 144, 56, 1), (48, 22, 2, 174, 68, 1), (52, 24, 2, 204, 84, 2),
        (64, 14, 4, 280, 112, 2), (72, 16, 4, 368, 144, 4), (80, 18, 4, 456, 192, 4), (88, 20, 4, 576, 224, 4), (96, 22, 4, 696, 272, 4),
        (104, 24, 4, 816, 336, 6), (120, 18, 6, 1050, 408, 6), (132, 20, 6, 1304, 496, 8),
    ];

    private static readonly int[] Capacities = [.. Sizes.Select(s => s.Data)];

    private readonly bool[,] _modules;

    private DataMatrix(bool[,] modules) => _modules = modules;

    /// <summary>Modules across, without the quiet zone.</summary>
    public int Size => _modules.GetLength(0);

    /// <summary>Encodes GS1 raw data (GS after variable-length values, as <c>ElementString.Raw</c> gives it).</summary>
    public static DataMatrix Gs1(string raw)
    {
        var encoded = DataMatrixEncodation.Encode(raw, Capacities);
        if (encoded.SizeIndex < 0)
        {
            throw new ArgumentException($"{encoded.Length} codewords exceed the 1,304 a 132×132 symbol holds.", nameof(raw));
        }

        var size = Sizes[encoded.SizeIndex];
        var codewords = new List<int>(size.Data + size.Ecc);
        codewords.AddRange(encoded.Codewords);
        codewords.AddRange(Interleaved(codewords, size.Ecc, size.Blocks));
        return new DataMatrix(Assemble(Place(codewords, size.Region * size.Regions), size.Region, size.Regions));
    }

    public byte[] ToPng(int pixelsPerModule = 6)
    {
        var total = (Size + 2 * QuietZone) * pixelsPerModule;
        return PngWriter.Monochrome(total, total, y => y / pixelsPerModule, (x, y) =>
        {
            var (mx, my) = (x / pixelsPerModule - QuietZone, y / pixelsPerModule - QuietZone);
            return mx >= 0 && my >= 0 && mx < Size && my < Size && _modules[my, mx];
        });
    }

    public string ToZpl(IReadOnlyList<string> caption, int dotsPerModule = 6)
    {
        var total = (Size + 2 * QuietZone) * dotsPerModule;
        return ZplWriter.Graphic(total, total, (x, y) =>
        {
            var (mx, my) = (x / dotsPerModule - QuietZone, y / dotsPerModule - QuietZone);
            return mx >= 0 && my >= 0 && mx < Size && my < Size && _modules[my, mx];
        }, caption);
    }

    public string ToSvg(IReadOnlyList<string> caption, double moduleMillimetres = 0.5)
    {
        var width = Size + 2 * QuietZone;
        var textLines = caption.Count;
        var height = width + textLines * 3;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width * moduleMillimetres}mm\" height=\"{height * moduleMillimetres}mm\" viewBox=\"0 0 {width} {height}\" shape-rendering=\"crispEdges\"><rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                if (_modules[y, x])
                {
                    svg.Append(CultureInfo.InvariantCulture, $"M{x + QuietZone} {y + QuietZone}h1v1h-1z");
                }
            }
        }

        svg.Append("\"/>");
        for (var i = 0; i < textLines; i++)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{width / 2.0}\" y=\"{width + (i + 1) * 3 - 0.6}\" font-family=\"'OCR-B','OCRB','DejaVu Sans Mono',monospace\" font-size=\"2.4\" text-anchor=\"middle\">{System.Net.WebUtility.HtmlEncode(caption[i])}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Error correction over interleaved blocks: data codeword i belongs to block i mod n, and each
    /// block's check codewords are interleaved the same way after the data.
    /// </summary>
    private static int[] Interleaved(List<int> data, int eccTotal, int blocks)
    {
        var eccPerBlock = eccTotal / blocks;
        var ecc = new int[eccTotal];
        for (var block = 0; block < blocks; block++)
        {
            var blockData = data.Where((_, i) => i % blocks == block).ToList();
            var blockEcc = ReedSolomon.Encode(blockData, eccPerBlock);
            for (var j = 0; j < eccPerBlock; j++)
            {
                ecc[j * blocks + block] = blockEcc[j];
            }
        }

        return ecc;
    }

    /// <summary>The standard module placement (16022 annex F) into the mapping matrix.</summary>
    private static bool[,] Place(List<int> codewords, int side)
    {
        var placement = new DataMatrixPlacement(side, side);
        var cells = placement.Run();
        var matrix = new bool[side, side];
        for (var row = 0; row < side; row++)
        {
            for (var col = 0; col < side; col++)
            {
                var cell = cells[row, col];
                matrix[row, col] = cell == 1 || (cell >= 10 && ((codewords[cell / 10 - 1] >> (8 - cell % 10)) & 1) == 1);
            }
        }

        return matrix;
    }

    /// <summary>Splits the mapping matrix into data regions and draws each region's finder and timing edges.</summary>
    private static bool[,] Assemble(bool[,] matrix, int region, int regions)
    {
        var size = regions * (region + 2);
        var symbol = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (yy, xx) = (y % (region + 2), x % (region + 2));
                symbol[y, x] = (yy, xx) switch
                {
                    _ when xx == 0 || yy == region + 1 => true, // solid finder: left and bottom
                    _ when yy == 0 => xx % 2 == 0, // timing: top
                    _ when xx == region + 1 => yy % 2 == 1, // timing: right
                    _ => matrix[y / (region + 2) * region + yy - 1, x / (region + 2) * region + xx - 1],
                };
            }
        }

        return symbol;
    }
}
