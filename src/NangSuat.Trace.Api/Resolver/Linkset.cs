using System.Text.Json.Serialization;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Resolver;

/// <summary>One target in an RFC 9264 linkset.</summary>
public sealed record LinkTarget(
    string Href,
    string Title,
    [property: JsonPropertyName("type")] string MediaType = "text/html",
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Hreflang = null);

/// <summary>The links for one identified item: the anchor URI and its targets by link type.</summary>
public sealed record LinkContext(string Anchor, string ItemDescription, IReadOnlyDictionary<string, IReadOnlyList<LinkTarget>> Links);

/// <summary>The link types the portal serves, from the GS1 Web vocabulary.</summary>
public static class LinkTypes
{
    public const string Vocabulary = "https://ref.gs1.org/voc/";
    public const string Pip = Vocabulary + "pip";
    public const string CertificationInfo = Vocabulary + "certificationInfo";
    public const string RecallStatus = Vocabulary + "recallStatus";
    public const string DefaultLink = Vocabulary + "defaultLink";

    public static readonly string[] All = [Pip, CertificationInfo, RecallStatus, DefaultLink];

    /// <summary>Accepts <c>gs1:pip</c>, <c>pip</c> or the full vocabulary URI.</summary>
    public static string? Find(string requested)
    {
        var name = requested.StartsWith("gs1:", StringComparison.OrdinalIgnoreCase) ? requested[4..]
            : requested.StartsWith(Vocabulary, StringComparison.OrdinalIgnoreCase) ? requested[Vocabulary.Length..]
            : requested;
        return All.FirstOrDefault(t => t[Vocabulary.Length..].Equals(name, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Builds the linkset of a product, and of a lot with every level up to the GTIN.</summary>
public static class LinksetBuilder
{
    public static LinkContext ForProduct(Product product, IReadOnlyList<Certificate> certificates, ResolverLinks links, DateOnly today)
    {
        var page = links.ProductPage(product.Gtin);
        var titleVi = $"Thông tin sản phẩm: {product.NameVi}";
        var titleEn = $"Product information: {product.NameEn ?? product.NameVi}";
        return new LinkContext(links.For(new DigitalLink(product.Gtin)), product.NameVi, new Dictionary<string, IReadOnlyList<LinkTarget>>
        {
            [LinkTypes.Pip] = [new(page, titleVi, Hreflang: ["vi"]), new(page + "?lang=en", titleEn, Hreflang: ["en"])],
            [LinkTypes.CertificationInfo] = Certificates(page, certificates.Where(c => c.ProductionAreaId is null), today),
            [LinkTypes.DefaultLink] = [new(page, titleVi)],
        });
    }

    public static LinkContext ForLot(Lot lot, Product product, IReadOnlyList<Certificate> certificates, ResolverLinks links, DateOnly today)
    {
        var page = links.LotPage(product.Gtin, lot.LotNumber);
        var titleVi = $"Thông tin lô {lot.LotNumber}: {product.NameVi}";
        var recalled = lot.Status == LotStatus.Recalled;
        return new LinkContext(links.For(lot.DigitalLink(product.Gtin)), $"{product.NameVi}, lô {lot.LotNumber}", new Dictionary<string, IReadOnlyList<LinkTarget>>
        {
            [LinkTypes.Pip] = [new(page, titleVi, Hreflang: ["vi"]), new(page + "?lang=en", $"Lot {lot.LotNumber}: {product.NameEn ?? product.NameVi}", Hreflang: ["en"])],
            [LinkTypes.CertificationInfo] = Certificates(page, certificates, today),
            [LinkTypes.RecallStatus] = [new(page + "#thu-hoi", recalled ? "Lô hàng đã bị thu hồi" : "Lô hàng không bị thu hồi", Hreflang: ["vi"])],
            [LinkTypes.DefaultLink] = [new(page, titleVi)],
        });
    }

    /// <summary>The JSON body: contexts with no links are left out, link types with none are dropped.</summary>
    public static Dictionary<string, object> ToJson(IEnumerable<LinkContext> contexts) => new()
    {
        ["linkset"] = contexts.Select(context =>
        {
            var entry = new Dictionary<string, object> { ["anchor"] = context.Anchor, ["itemDescription"] = context.ItemDescription };
            foreach (var (type, targets) in context.Links.Where(l => l.Value.Count > 0))
            {
                entry[type] = targets;
            }

            return entry;
        }).ToList(),
    };

    private static LinkTarget[] Certificates(string page, IEnumerable<Certificate> certificates, DateOnly today) =>
    [
        .. certificates.Select(c => new LinkTarget(
            $"{page}#chung-nhan-{c.Id}", $"{c.Type.Display()} số {c.Number} ({c.StandingOn(today).Display(Infrastructure.Language.Vietnamese)})", Hreflang: ["vi"])),
    ];
}

public static class CertificateDisplay
{
    public static string Display(this CertificateType type) => type switch
    {
        CertificateType.VietGap => "VietGAP",
        CertificateType.GlobalGap => "GlobalG.A.P.",
        CertificateType.Organic => "Hữu cơ (Organic)",
        CertificateType.Ocop => "OCOP",
        CertificateType.Iso22000 => "ISO 22000",
        CertificateType.Haccp => "HACCP",
        _ => "Chứng nhận khác",
    };

    public static string Display(this CertificateStanding standing, string language) => (standing, language) switch
    {
        (CertificateStanding.Valid, "en") => "valid",
        (CertificateStanding.NotYetValid, "en") => "not yet valid",
        (CertificateStanding.Expired, "en") => "expired",
        (CertificateStanding.Suspended, "en") => "suspended",
        (CertificateStanding.Revoked, "en") => "revoked",
        (CertificateStanding.Valid, _) => "còn hiệu lực",
        (CertificateStanding.NotYetValid, _) => "chưa có hiệu lực",
        (CertificateStanding.Expired, _) => "hết hiệu lực",
        (CertificateStanding.Suspended, _) => "bị đình chỉ",
        _ => "bị thu hồi",
    };
}
