using System.Globalization;
using System.Text;

namespace NangSuat.Trace.Labels;

/// <summary>
/// ZPL II for Zebra-type thermal printers. The symbol travels as a ^GFA graphic field of our own
/// verified bitmap, so what the printer burns is exactly what the decoders were shown, whatever the
/// printer's firmware does with its native barcode commands.
/// </summary>
public static class ZplWriter
{
    public static string Graphic(int width, int height, Func<int, int, bool> isBlack, IReadOnlyList<string> caption, int fontDots = 24)
    {
        var rowBytes = (width + 7) / 8;
        var hex = new StringBuilder(rowBytes * height * 2);
        for (var y = 0; y < height; y++)
        {
            for (var b = 0; b < rowBytes; b++)
            {
                var value = 0;
                for (var bit = 0; bit < 8; bit++)
                {
                    var x = b * 8 + bit;
                    if (x < width && isBlack(x, y))
                    {
                        value |= 0x80 >> bit;
                    }
                }

                hex.Append(value.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        var zpl = new StringBuilder();
        var labelHeight = height + caption.Count * (fontDots + 6) + 10;
        zpl.Append(CultureInfo.InvariantCulture, $"^XA^CI28^PW{width + 20}^LL{labelHeight}\n");
        zpl.Append(CultureInfo.InvariantCulture, $"^FO10,10^GFA,{rowBytes * height},{rowBytes * height},{rowBytes},{hex}^FS\n");
        for (var i = 0; i < caption.Count; i++)
        {
            // ^FH lets _XX stand for a byte, so ^, ~ and _ in data cannot end the field.
            var text = caption[i].Replace("_", "_5F", StringComparison.Ordinal).Replace("^", "_5E", StringComparison.Ordinal).Replace("~", "_7E", StringComparison.Ordinal);
            zpl.Append(CultureInfo.InvariantCulture, $"^FO10,{height + 14 + i * (fontDots + 6)}^A0N,{fontDots},{fontDots}^FH^FD{text}^FS\n");
        }

        return zpl.Append("^XZ\n").ToString();
    }
}
