using System.Text.Json.Serialization;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Public;

/// <summary>One target in an RFC 9264 linkset.</summary>
public sealed record LinkTarget(
    string Href,
    string Title,
    [property: JsonPropertyName("type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MediaType = "text/html",
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Hreflang = null)
{
    /// <summary>The default link carries no optional attributes (GS1-Conformant resolver): a target and a title.</summary>
    public LinkTarget AsDefault() => this with { MediaType = null, Hreflang = null };
}

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
    /// <param name="pageQuery">Appended to the product page's links: what a walk-up from an unregistered lot or serial must tell the reader.</param>
    public static LinkContext ForProduct(
        ScanTarget target, IReadOnlyList<Certificate> certificates, IReadOnlyDictionary<Guid, PublicVerdict> verdicts, PublicUrls urls, string pageQuery = "")
    {
        var page = urls.ProductPage(target.Gtin) + pageQuery;
        var english = page + (pageQuery.Length == 0 ? "?" : "&") + "lang=en";
        var titleVi = $"Thông tin sản phẩm: {target.NameVi}";
        var titleEn = $"Product information: {target.NameEn ?? target.NameVi}";
        return new LinkContext(urls.For(new(target.Gtin)), target.NameVi, new Dictionary<string, IReadOnlyList<LinkTarget>>
        {
            [LinkTypes.Pip] = [new(page, titleVi, Hreflang: ["vi"]), new(english, titleEn, Hreflang: ["en"])],
            [LinkTypes.CertificationInfo] = Certificates(urls, certificates, verdicts),
            [LinkTypes.DefaultLink] = [new LinkTarget(page, titleVi).AsDefault()],
        });
    }

    public static LinkContext ForLot(ScanTarget target, ScanLot lot, IReadOnlyList<Certificate> certificates, IReadOnlyDictionary<Guid, PublicVerdict> verdicts, PublicUrls urls)
    {
        var page = urls.LotPage(target.Gtin, lot.LotNumber);
        var titleVi = $"Thông tin lô {lot.LotNumber}: {target.NameVi}";
        var recalled = lot.Status == Lots.LotStatus.Recalled;
        return new LinkContext(urls.For(new(target.Gtin, Lot: lot.LotNumber)), $"{target.NameVi}, lô {lot.LotNumber}", new Dictionary<string, IReadOnlyList<LinkTarget>>
        {
            [LinkTypes.Pip] = [new(page, titleVi, Hreflang: ["vi"]), new(page + "?lang=en", $"Lot {lot.LotNumber}: {target.NameEn ?? target.NameVi}", Hreflang: ["en"])],
            [LinkTypes.CertificationInfo] = Certificates(urls, certificates, verdicts),
            [LinkTypes.RecallStatus] = [new(page + "#thu-hoi", recalled ? "Lô hàng đã bị thu hồi" : "Lô hàng không bị thu hồi", Hreflang: ["vi"])],
            [LinkTypes.DefaultLink] = [new LinkTarget(page, titleVi).AsDefault()],
        });
    }

    /// <summary>The JSON body: link types with no links are left out.</summary>
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

    /// <summary>Each certificate's public page, titled with what its chain says; the same address answers its gs1:CertificationDetails to Accept: application/ld+json.</summary>
    private static LinkTarget[] Certificates(PublicUrls urls, IEnumerable<Certificate> certificates, IReadOnlyDictionary<Guid, PublicVerdict> verdicts) =>
    [
        .. certificates.Select(c => new LinkTarget(urls.CertificatePage(c.Id),
            $"{c.Type.Display()} số {c.Number} ({(verdicts.TryGetValue(c.Id, out var v) && v.Verified ? "đã xác minh" : "chưa xác minh")})", Hreflang: ["vi"])),
    ];
}
