using System.Net.Http.Json;
using System.Text.Json;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>Registers what a producer registers, through the API, with sensible defaults to override.</summary>
public static class Catalogue
{
    public static async Task<JsonElement> AddProductAsync(this Member producer, string? gtin = null, string nameVi = "Chè Shan tuyết", object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["gtin"] = gtin ?? TestData.Gtin13(),
            ["name"] = new { vi = nameVi, en = "Shan Tuyet tea" },
            ["brand"] = "Chè Mộc Châu",
            ["category"] = "Chè",
            ["standards"] = new[] { "TCVN 9740:2013" },
            ["ocopStars"] = 4,
        };
        Merge(body, extra);
        return await (await producer.Client.PostAsJsonAsync("/api/v1/products", body)).Json(201);
    }

    public static async Task<JsonElement> AddAreaAsync(this Member producer, string name = "Đồi chè Tân Lập") =>
        await (await producer.Client.PostAsJsonAsync("/api/v1/production-areas", new
        {
            name, areaCode = "VN-SLCT-0012", commune = "Xã Tân Lập", province = "Sơn La", latitude = 20.84, longitude = 104.66, hectares = 12.5,
        })).Json(201);

    public static async Task<JsonElement> AddLotAsync(this Member producer, string gtin, string lotNumber = "L2611A", object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["gtin"] = gtin,
            ["lotNumber"] = lotNumber,
            ["productionDate"] = "2026-11-01",
            ["packingDate"] = "2026-11-03",
            ["bestBeforeDate"] = "2028-05-01",
            ["quantity"] = new { value = 850, unit = "kg" },
        };
        Merge(body, extra);
        return await (await producer.Client.PostAsJsonAsync("/api/v1/lots", body)).Json(201);
    }

    /// <summary>A certification body in the registry, designated (open-ended, since 2024) for VietGAP and OCOP on crops; its id.</summary>
    public static async Task<Guid> AddDesignatedBodyAsync(this TraceApp app, string code = "VG-TEST-01")
    {
        var body = await (await app.Admin().PostAsJsonAsync("/api/v1/certification-bodies",
            new { name = "Trung tâm Chứng nhận VietGAP", code, taxCode = TestData.TaxCode(), address = "Hà Nội" })).Json(201);
        await (await app.Admin().PostAsJsonAsync($"/api/v1/certification-bodies/{body.Id()}/designations", new
        {
            authority = "Cục Trồng trọt", decisionNumber = "01/QĐ-TT", decisionDate = "2023-12-20", standards = new[] { "vietGap", "ocop" }, scopes = new[] { "crop" },
            validFrom = "2024-01-01",
        })).Json(201);
        return body.Id();
    }

    public static async Task<JsonElement> AddCertificateAsync(this Member producer, object subject, string type = "vietGap", string? number = null,
        string validFrom = "2025-01-01", string validTo = "2099-12-31")
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["number"] = number ?? "VG-" + Guid.NewGuid().ToString("N")[..8],
            ["issuer"] = "Trung tâm Chứng nhận VietGAP",
            ["validFrom"] = validFrom,
            ["validTo"] = validTo,
        };
        Merge(body, subject);
        return await (await producer.Client.PostAsJsonAsync("/api/v1/certificates", body)).Json(201);
    }

    private static void Merge(Dictionary<string, object?> body, object? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }
    }
}
