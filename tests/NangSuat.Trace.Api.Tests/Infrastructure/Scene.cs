using System.Text.Json;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>
/// What most tests start from, built through the API as a producer would: a fresh app, a
/// cooperative with a producer token, a product and a lot, optionally with a production area and
/// certificates. One builder for every test class.
/// </summary>
public sealed class Scene : IAsyncDisposable
{
    private Scene(TraceApp app, Member producer, JsonElement product, JsonElement lot, JsonElement? area)
    {
        (App, Producer, Product, Lot, Area) = (app, producer, product, lot, area);
    }

    public TraceApp App { get; }

    public Member Producer { get; }

    public JsonElement Product { get; }

    public JsonElement Lot { get; }

    /// <summary>The lot's production area, when the scene was built with certificates.</summary>
    public JsonElement? Area { get; }

    public string Gtin => Product.Str("gtin");

    public string LotNumber => Lot.Str("lotNumber");

    public Guid LotId => Lot.Id();

    /// <param name="overKestrel">Serve over real HTTP on a loopback port (for browsers, and for request targets exactly as sent).</param>
    /// <param name="withCertificates">Adds a production area for the lot with a VietGAP certificate (VG-AREA-1) and an OCOP certificate for the product (OCOP-PRODUCT-1).</param>
    public static async Task<Scene> LotAsync(
        Lane lane, string lotNumber = "L2611A", string? gtin = null, string nameVi = "Chè Shan tuyết", object? productExtra = null, object? lotExtra = null,
        bool withCertificates = false, bool overKestrel = false)
    {
        var app = await TraceApp.StartAsync(lane);
        if (overKestrel)
        {
            app.StartKestrel();
        }

        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync(gtin, nameVi, productExtra);
        JsonElement? area = null;
        if (withCertificates)
        {
            // Issued by a body the registry holds, designated for both: each certificate's chain holds, so the pages show their badges.
            var body = await app.AddDesignatedBodyAsync();
            area = await producer.AddAreaAsync();
            await producer.AddCertificateAsync(new { productionAreaId = area.Value.Id(), bodyId = body }, number: "VG-AREA-1");
            await producer.AddCertificateAsync(new { productId = product.Id(), bodyId = body, ocopStars = 4 }, type: "ocop", number: "OCOP-PRODUCT-1", validFrom: Day(-60));
        }

        // With certificates the lot is made within their validity, whatever day the tests run.
        var lot = await producer.AddLotAsync(product.Str("gtin"), lotNumber,
            lotExtra ?? (area is { } a ? new { productionAreaId = a.Id(), productionDate = Day(-10), packingDate = Day(-8) } : null));
        return new Scene(app, producer, product, lot, area);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(offset).ToString("yyyy-MM-dd");
}
