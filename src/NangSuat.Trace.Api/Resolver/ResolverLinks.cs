using Microsoft.Extensions.Options;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Resolver;

/// <summary>Builds Digital Links and public page addresses on the portal's public base URL.</summary>
public sealed class ResolverLinks(IOptions<ResolverOptions> options, IHttpContextAccessor accessor)
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

    public string ProductPage(string gtin14) => $"{BaseUrl}{PublicPaths.Product(gtin14)}";

    public string LotPage(string gtin14, string lot) => $"{BaseUrl}{PublicPaths.Lot(gtin14, lot)}";
}

/// <summary>Paths of the consumer pages; Vietnamese words because Vietnamese consumers read them.</summary>
public static class PublicPaths
{
    public static string Product(string gtin14) => $"/san-pham/{gtin14}";

    public static string Lot(string gtin14, string lot) => $"/san-pham/{gtin14}/lo/{Uri.EscapeDataString(lot)}";
}
