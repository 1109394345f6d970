using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.ProductionAreas;

/// <summary>What a production area must be, for the API and the portal's form alike.</summary>
public static class ProductionAreaRules
{
    /// <summary>Fills in the area when every field is valid.</summary>
    public static bool Apply(ProductionAreaRequest request, ProductionArea area, DateTimeOffset now, FieldErrors errors)
    {
        var name = errors.Required("name", request.Name);
        var areaCode = errors.Optional("areaCode", request.AreaCode, 50);
        var gln = request.Gln is { Length: > 0 } ? errors.Gs1("gln", Gs1Keys.Gln(request.Gln)) : null;
        var commune = errors.Required("commune", request.Commune, 100);
        var province = errors.Province("province", request.Province);
        errors.Range("latitude", request.Latitude, -90, 90);
        errors.Range("longitude", request.Longitude, -180, 180);
        if (request.Latitude.HasValue != request.Longitude.HasValue)
        {
            errors.Add(request.Latitude.HasValue ? "longitude" : "latitude", "vĩ độ và kinh độ phải đi cùng nhau", "latitude and longitude go together");
        }

        if (request.Hectares is <= 0 or > 1_000_000)
        {
            errors.Add("hectares", "diện tích (ha) phải lớn hơn 0 và không quá 1.000.000", "must be more than 0 and at most 1,000,000 hectares");
        }

        if (errors.Any)
        {
            return false;
        }

        (area.Name, area.AreaCode, area.Gln, area.Commune, area.Province) = (name, areaCode, gln, commune, province);
        (area.Latitude, area.Longitude, area.Hectares, area.UpdatedAt) = (request.Latitude, request.Longitude, request.Hectares, now);
        return true;
    }
}
