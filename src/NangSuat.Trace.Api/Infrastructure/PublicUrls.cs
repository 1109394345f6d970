using Microsoft.Extensions.Options;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>Builds Digital Links and public page addresses on the portal's public base URL.</summary>
public sealed class PublicUrls(IOptions<ResolverOptions> options, IHttpContextAccessor accessor)
{
    public string BaseUrl
    {
        get
        {
            if (options.Value.BaseUrl is { Length: > 0 } configured)
            {
                return configured.TrimEnd('/');
            }

            var request = accessor.HttpContext?.Request ?? throw new InvalidOperationException("Resolver:BaseUrl is needed outside a request.");
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string For(DigitalLink link) => link.ToUri(BaseUrl);

    public string ProductPage(string gtin14) => BaseUrl + PublicPaths.Product(gtin14);

    public string LotPage(string gtin14, string lot) => BaseUrl + PublicPaths.Lot(gtin14, lot);

    public string CertificatePage(Guid id) => BaseUrl + PublicPaths.Certificate(id);
}

/// <summary>Paths of the consumer pages; Vietnamese words because Vietnamese consumers read them.</summary>
public static class PublicPaths
{
    public const string ProductPhotos = "/media/products";

    public static string Product(string gtin14) => $"/san-pham/{gtin14}";

    public static string Lot(string gtin14, string lot) => $"/san-pham/{gtin14}/lo/{Uri.EscapeDataString(lot)}";

    /// <summary>A certificate's public page, where anyone checks its holder, body, scope and live status.</summary>
    public const string Certificates = "/chung-nhan";

    public static string Certificate(Guid id) => $"{Certificates}/{id}";

    /// <summary>A photo's address carries its hash, so a browser may keep it for a year and still see a new one at once.</summary>
    public static string ProductPhoto(Guid productId, string sha256) => $"{ProductPhotos}/{productId}?v={sha256[..12]}";

    /// <summary>True only for the photo address the portal itself gave this product: nothing else is shown on a public page.</summary>
    public static bool IsOwnProductPhoto(string? url, Guid productId) =>
        url is not null
        && url.StartsWith($"{ProductPhotos}/{productId}?v=", StringComparison.Ordinal)
        && url.Length == ProductPhotos.Length + 1 + 36 + 3 + 12
        && !url.AsSpan(url.Length - 12).ContainsAnyExcept("0123456789abcdef");
}
