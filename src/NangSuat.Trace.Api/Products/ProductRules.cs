using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Products;

/// <summary>What a product must be, for the API and the portal's form alike: every failing field named, in both languages.</summary>
public static class ProductRules
{
    /// <summary>A new product of the organization, or null with the reasons in <paramref name="errors"/>.</summary>
    public static Product? Create(ProductRequest request, Organization organization, DateTimeOffset now, FieldErrors errors)
    {
        var gtin = errors.Gs1("gtin", Gs1Keys.Gtin(request.Gtin));
        if (gtin is not null && organization.Gs1CompanyPrefix is { } prefix && !Gs1Keys.IsUnderPrefix(gtin, prefix))
        {
            errors.Add("gtin", $"GTIN phải bắt đầu bằng mã doanh nghiệp GS1 {prefix} của tổ chức", $"must start with the organization's GS1 company prefix {prefix}");
        }

        if (request.ImageUrl is { Length: > 0 })
        {
            PhotoIsUploaded(errors);
        }

        var product = new Product { Id = Guid.CreateVersion7(now), OrganizationId = organization.Id, Gtin = gtin ?? "", NameVi = "", CreatedAt = now };
        return Apply(request, product, now, errors) ? product : null;
    }

    /// <summary>Changes the product when every field is valid; the GTIN and the photo are not the request's to change.</summary>
    public static bool Change(ProductRequest request, Product product, DateTimeOffset now, FieldErrors errors)
    {
        if (request.Gtin is not null && Gs1Keys.Gtin(request.Gtin).Value != product.Gtin)
        {
            errors.Add("gtin", "không thể đổi GTIN của sản phẩm đã đăng ký; hãy đăng ký sản phẩm mới", "a registered product's GTIN cannot change; register a new product instead");
        }

        if (request.ImageUrl is { Length: > 0 } imageUrl && imageUrl != product.ImageUrl)
        {
            PhotoIsUploaded(errors);
        }

        return Apply(request, product, now, errors);
    }

    private static bool Apply(ProductRequest request, Product product, DateTimeOffset now, FieldErrors errors)
    {
        var nameVi = errors.Required("name.vi", request.Name?.Vi);
        var nameEn = errors.Optional("name.en", request.Name?.En);
        var description = errors.Optional("description", request.Description, 4000);
        var category = errors.Optional("category", request.Category);
        var brand = errors.Optional("brand", request.Brand);
        var standards = Texts(errors, "standards", request.Standards, 200);
        var markets = Texts(errors, "exportMarkets", request.ExportMarkets, 100);
        for (var i = 0; i < markets.Count; i++)
        {
            markets[i] = markets[i].ToUpperInvariant();
            if (markets[i].Length != 2 || !markets[i].All(char.IsAsciiLetterUpper))
            {
                errors.Add($"exportMarkets[{i}]", "phải là mã quốc gia 2 chữ cái ISO 3166 (vd JP, US, EU)", "must be a 2-letter ISO 3166 country code (e.g. JP, US, EU)");
            }
        }

        if (request.OcopStars is { } stars && stars is < 3 or > 5)
        {
            errors.Add("ocopStars", "hạng sao OCOP chỉ có 3, 4 hoặc 5 sao", "an OCOP rating is 3, 4 or 5 stars");
        }

        var group = errors.OneOf<CertificationBodies.ProductGroup>("group", request.Group, required: false);
        if (errors.Any)
        {
            return false;
        }

        product.Group = group is { } known ? Json.CamelCase(known.ToString()) : null;
        (product.NameVi, product.NameEn, product.Description, product.Category, product.Brand) = (nameVi, nameEn, description, category, brand);
        (product.Standards, product.ExportMarkets, product.OcopStars, product.UpdatedAt) = (standards, markets, request.OcopStars, now);
        return true;
    }

    /// <summary>
    /// A public page shows only photos the portal itself serves: an address elsewhere would make every
    /// consumer's phone ask another host, and could point anywhere.
    /// </summary>
    private static void PhotoIsUploaded(FieldErrors errors) =>
        errors.Add("imageUrl", "ảnh sản phẩm được tải lên cổng (PUT /api/v1/products/{id}/image), không nhận địa chỉ ảnh ở nơi khác",
            "the product photo is uploaded to the portal (PUT /api/v1/products/{id}/image); an address elsewhere is not accepted");

    private static List<string> Texts(FieldErrors errors, string field, List<string>? values, int maxLength)
    {
        var result = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = errors.Required($"{field}[{i}]", values![i], maxLength);
            if (value.Length > 0 && !result.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value);
            }
        }

        if (result.Count > 30)
        {
            errors.Add(field, "tối đa 30 mục", "at most 30 entries");
        }

        return result;
    }
}
