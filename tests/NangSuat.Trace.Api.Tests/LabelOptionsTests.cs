using NangSuat.Trace.TestSupport;
using System.Net.Http.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public abstract class LabelOptionsTests(Lane lane)
{
    [Fact]
    public async Task A_lot_label_in_each_2d_and_linear_symbology_decodes_to_what_it_should_carry()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", lotExtra: new { expiryDate = "2028-12-31", bestBeforeDate = (string?)null });
        var app = scene.App;
        var producer = scene.Producer;
        var gtin = scene.Gtin;
        var lotId = scene.LotId;
        var path = $"/api/v1/lots/{lotId}/label";

        var matrix = await producer.Client.GetByteArrayAsync($"{path}?symbology=datamatrix");
        Assert.Equal(("DataMatrix", "]d2", $"01{gtin}17281231" + "10MC2611A"), Decoders.Zxing(matrix));

        var linear = await producer.Client.GetByteArrayAsync($"{path}?symbology=gs1-128");
        Assert.Equal($"01{gtin}17281231" + "10MC2611A", Decoders.ZbarRaw(linear));

        var retail = await producer.Client.GetByteArrayAsync($"{path}?symbology=ean13");
        Assert.Equal(gtin[1..], Decoders.ZbarRaw(retail));
    }

    [Fact]
    public async Task A_printed_size_sets_whole_dots_per_module_and_zpl_goes_to_a_thermal_printer()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", lotExtra: new { expiryDate = "2028-12-31", bestBeforeDate = (string?)null });
        var app = scene.App;
        var producer = scene.Producer;
        var lotId = scene.LotId;
        var preview = await producer.Client.GetByteArrayAsync($"/api/v1/lots/{lotId}/label?scale=1");
        var modules = Png.ReadMonochrome(preview).Width; // one pixel per module: the symbol's width in modules
        var png = await producer.Client.GetByteArrayAsync($"/api/v1/lots/{lotId}/label?widthMm=25&dpi=300");
        // 25 mm at 300 dpi is 295 dots; whole dots per module keep bars even, so the symbol is floor(295 / modules) dots a module.
        Assert.Equal(modules * (int)Math.Floor(25 / 25.4 * 300 / modules), Png.ReadMonochrome(png).Width);

        var zpl = await producer.Client.GetAsync($"/api/v1/lots/{lotId}/label?format=zpl&widthMm=25&dpi=203");
        Assert.Equal("application/zpl", zpl.Content.Headers.ContentType?.MediaType);
        var text = await zpl.Content.ReadAsStringAsync();
        Assert.StartsWith("^XA", text, StringComparison.Ordinal);
        Assert.Contains("^GFA,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_serial_label_carries_the_serial_and_only_an_issued_one()
    {
        await using var scene = await Scene.LotAsync(lane, "MC2611A", lotExtra: new { expiryDate = "2028-12-31", bestBeforeDate = (string?)null });
        var app = scene.App;
        var producer = scene.Producer;
        var gtin = scene.Gtin;
        var lotId = scene.LotId;
        var batch = await (await producer.Client.PostAsJsonAsync($"/api/v1/lots/{lotId}/serials", new { count = 3 })).Json(201);
        var serial = (await producer.Client.GetStringAsync(batch.Str("serialsUrl"))).Split('\n')[1].Split(',')[0];
        var png = await producer.Client.GetByteArrayAsync($"/api/v1/lots/{lotId}/label?serial={serial}");
        Assert.Equal($"{TraceApp.DefaultBaseUrl}/01/{gtin}/10/MC2611A/21/{serial}", Decoders.ZbarRaw(png));
        await (await producer.Client.GetAsync($"/api/v1/lots/{lotId}/label?serial=NOTISSUED123")).Problem(404);
    }

    [Fact]
    public async Task An_sscc_pallet_label_decodes_to_the_exact_element_string()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var response = await producer.Client.PostAsJsonAsync("/api/v1/labels/sscc", new
        {
            sscc = "106141411234567897", gtin = "9506000134352", count = 24, lot = "MC2611A", expiry = "2028-12-31", netWeightKg = 12.5,
        });
        await Http.EnsureStatus(response, 200);
        var data = Decoders.ZbarRaw(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("00106141411234567897020950600013435237" + "24\u001D10MC2611A\u001D17281231" + "3103012500", data);
    }

    [Fact]
    public async Task A_wrong_sscc_or_an_unsuitable_symbology_is_a_400_naming_the_field()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await (await producer.Client.PostAsJsonAsync("/api/v1/labels/sscc", new { sscc = "106141411234567898", gtin = "9506000134352", count = 24 }))
            .FieldError("sscc", "check digit should be 7, not 8");
        await (await producer.Client.PostAsJsonAsync("/api/v1/labels/sscc?symbology=ean13", new { sscc = "106141411234567897" }))
            .FieldError("symbology", "carries only a GTIN");
        await (await producer.Client.PostAsJsonAsync("/api/v1/labels/sscc?format=pdf", new { sscc = "106141411234567897" }))
            .FieldError("format", "use png, svg or zpl");
        await (await app.Anonymous().PostAsJsonAsync("/api/v1/labels/sscc", new { sscc = "106141411234567897" })).Problem(401);
    }
}

public sealed class LabelOptionsTestsOnSqlite() : LabelOptionsTests(Lane.Sqlite);

public sealed class LabelOptionsTestsOnPostgres() : LabelOptionsTests(Lane.Postgres);
