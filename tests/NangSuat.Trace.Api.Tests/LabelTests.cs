using NangSuat.Trace.TestSupport;
using System.Xml.Linq;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public abstract class LabelTests(Lane lane)
{
    [Theory]
    [InlineData("MC2611A")]
    [InlineData("A/7%B&\"x")]
    [InlineData("20260715-ABCDEFGHIJ")]
    public async Task The_png_label_decodes_to_exactly_the_lots_digital_link(string lotNumber)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var lot = await producer.AddLotAsync(product.Str("gtin"), lotNumber);
        var png = await producer.Client.GetByteArrayAsync($"/api/v1/lots/{lot.Id()}/label?format=png");

        Assert.Equal(lot.Str("digitalLink"), Decoders.ZbarRaw(png));
        var (format, _, text) = Decoders.Zxing(png);
        Assert.Equal(lot.Str("digitalLink"), text);
        Assert.Equal("QRCode", format);
    }

    [Fact]
    public async Task The_qr_code_uses_error_correction_m_and_a_four_module_quiet_zone()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var lot = await producer.AddLotAsync(product.Str("gtin"));
        var png = await producer.Client.GetByteArrayAsync($"/api/v1/lots/{lot.Id()}/label?format=png&scale=1");
        var (width, rows) = Png.ReadMonochrome(png);
        var firstDark = rows.Select(r => Array.IndexOf(r, true)).Where(i => i >= 0).Min();
        var topDark = Array.FindIndex(rows, r => r.Contains(true));
        Assert.Equal((4, 4), (firstDark, topDark));
        Assert.Equal(width - 4, rows[4].Length - Array.IndexOf(rows[4].Reverse().ToArray(), true)); // quiet zone on the right too
        Assert.Equal("M", EccLevel(rows, quietZone: 4));
    }

    /// <summary>
    /// Reads the error-correction level from the symbol's own format information (ISO/IEC 18004
    /// 7.9): its two top bits sit at row 8, columns 0 and 1, masked with 101010000010010.
    /// </summary>
    private static string EccLevel(bool[][] rows, int quietZone)
    {
        var bit14 = rows[quietZone + 8][quietZone] ^ true;
        var bit13 = rows[quietZone + 8][quietZone + 1];
        return (bit14, bit13) switch
        {
            (false, false) => "M",
            (false, true) => "L",
            (true, true) => "Q",
            _ => "H",
        };
    }

    [Fact]
    public async Task The_svg_label_is_vector_and_carries_gtin_and_lot_as_readable_text()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var lot = await producer.AddLotAsync(product.Str("gtin"), "L<&>1");
        var response = await producer.Client.GetAsync($"/api/v1/lots/{lot.Id()}/label?format=svg");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        // GTIN, the best-before date the label carries, and the lot, in element-string order.
        Assert.Equal([$"(01) {product.Str("gtin")}", "(15) 280501", "(10) L<&>1"], texts);
        Assert.Single(svg.Descendants(ns + "path"));
        Assert.Empty(svg.Descendants(ns + "image"));
    }

    [Fact]
    public async Task An_unknown_format_or_scale_is_a_400_naming_the_parameter()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var lot = await producer.AddLotAsync(product.Str("gtin"));
        await (await producer.Client.GetAsync($"/api/v1/lots/{lot.Id()}/label?format=bmp")).FieldError("format", "use png, svg or zpl");
        await (await producer.Client.GetAsync($"/api/v1/lots/{lot.Id()}/label?scale=0")).FieldError("scale", "between 1 and 40");
    }
}

public sealed class LabelTestsOnSqlite() : LabelTests(Lane.Sqlite);

public sealed class LabelTestsOnPostgres() : LabelTests(Lane.Postgres);
