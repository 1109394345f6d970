using NangSuat.Trace.TestSupport;
using System.Globalization;
using System.Text.RegularExpressions;
using NangSuat.Trace.Labels.Linear;

namespace NangSuat.Trace.Labels.Tests;

public sealed partial class ZplTests
{
    /// <summary>What the printer would burn: the ^GFA field's bitmap, back as a PNG for the decoders.</summary>
    public static byte[] PrintedBitmap(string zpl)
    {
        var field = GraphicField().Match(zpl);
        Assert.True(field.Success, "no ^GFA graphic field in the ZPL");
        var total = int.Parse(field.Groups["total"].Value, CultureInfo.InvariantCulture);
        var rowBytes = int.Parse(field.Groups["row"].Value, CultureInfo.InvariantCulture);
        var bytes = Convert.FromHexString(field.Groups["hex"].Value);
        Assert.Equal(total, bytes.Length);
        var height = total / rowBytes;
        return PngWriter.Monochrome(rowBytes * 8, height, (x, y) => (bytes[y * rowBytes + x / 8] & (0x80 >> (x % 8))) != 0);
    }

    [Fact]
    public void A_qr_label_in_zpl_prints_the_digital_link()
    {
        var link = "https://truyxuat.sonla.gov.vn/01/08936099000121/10/MC2611A";
        var zpl = QrLabel.Encode(link).ToZpl(["(01) 08936099000121", "(10) MC2611A"]);
        Assert.StartsWith("^XA", zpl, StringComparison.Ordinal);
        Assert.EndsWith("^XZ\n", zpl, StringComparison.Ordinal);
        Assert.Contains("^FD(10) MC2611A^FS", zpl, StringComparison.Ordinal);
        Assert.Equal(("QRCode", "]Q1", link), Decoders.Zxing(PrintedBitmap(zpl)));
    }

    [Fact]
    public void Gs1_128_and_datamatrix_labels_in_zpl_print_the_exact_element_string()
    {
        const string raw = "0010614141123456789702095060001343523724\u001D10L2611A";
        var pallet = Code128.Gs1(raw, "(00)106141411234567897(02)09506000134352(37)24(10)L2611A").ToZpl();
        Assert.Equal(("Code128", "]C1", raw), Decoders.Zxing(PrintedBitmap(pallet)));

        var pack = DataMatrix.Gs1("0109506000134352172812311" + "0ABC\u001D21XYZ").ToZpl(["(01) 09506000134352"]);
        Assert.Equal(("DataMatrix", "]d2", "0109506000134352172812311" + "0ABC\u001D21XYZ"), Decoders.Zxing(PrintedBitmap(pack)));
    }

    [Fact]
    public void Caption_text_cannot_break_out_of_its_field()
    {
        var zpl = QrLabel.Encode("x").ToZpl(["lot ^XZ~JA_1"]);
        Assert.Contains("^FH^FDlot _5EXZ_7EJA_5F1^FS", zpl, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(zpl, @"\^XZ"));
    }

    [GeneratedRegex(@"\^GFA,(?<total>\d+),\d+,(?<row>\d+),(?<hex>[0-9A-F]+)\^FS")]
    private static partial Regex GraphicField();
}
