using System.Globalization;
using Microsoft.Extensions.Options;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Gs1;
using static NangSuat.Trace.Api.Infrastructure.Language;
using static NangSuat.Trace.Api.PublicPages.Html;

namespace NangSuat.Trace.Api.PublicPages;

/// <summary>The portal's front page: for someone who has a code printed under a barcode but no camera at hand.</summary>
public static class HomePage
{
    public static void MapHomePage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (IOptions<ResolverOptions> options) => Result(Page(options.Value.PortalName, options.Value.PortalName, Form(null, null), Pick("/?lang=en", "/?lang=vi"))))
            .ExcludeFromDescription();
        routes.MapGet("/tra-cuu", Lookup).ExcludeFromDescription().RequireRateLimiting(ResolverApi.CorsPolicy);
    }

    private static IResult Lookup(string? gtin, string? lot, HttpContext context, IOptions<ResolverOptions> options)
    {
        var link = DigitalLink.Create(gtin ?? "", string.IsNullOrWhiteSpace(lot) ? null : lot.Trim());
        if (!link.IsValid)
        {
            var reasons = string.Join("", link.Problems.Select(p => $"<li>{Encode(p.Message(Current))}</li>"));
            var body = $"<section class=\"error\"><ul>{reasons}</ul></section>" + Form(gtin, lot);
            return Result(Page(options.Value.PortalName, options.Value.PortalName, body, null), StatusCodes.Status400BadRequest);
        }

        var path = link.Value!.Lot is { } lotNumber ? PublicPaths.Lot(link.Value.Gtin, lotNumber) : PublicPaths.Product(link.Value.Gtin);
        return TypedResults.Redirect(IsEnglish ? path + "?lang=en" : path);
    }

    private static string Form(string? gtin, string? lot) => string.Create(CultureInfo.InvariantCulture, $"""
        <h1>{Pick("Tra cứu nguồn gốc sản phẩm", "Look up a product's origin")}</h1>
        <section><p>{Pick("Quét mã QR trên nhãn bằng camera điện thoại, hoặc nhập mã số in dưới mã vạch.",
            "Scan the QR code on the label with your phone's camera, or type the number printed under the barcode.")}</p>
        <form action="/tra-cuu" method="get">
        <input type="hidden" name="lang" value="{Current}">
        <p><label>GTIN<br><input name="gtin" inputmode="numeric" autocomplete="off" required value="{Encode(gtin)}" style="width:100%;font-size:1rem;padding:.4rem"></label></p>
        <p><label>{Pick("Số lô (nếu có)", "Lot number (if any)")}<br><input name="lot" autocomplete="off" value="{Encode(lot)}" style="width:100%;font-size:1rem;padding:.4rem"></label></p>
        <p><button type="submit" style="font-size:1rem;padding:.5rem 1rem">{Pick("Tra cứu", "Look up")}</button></p>
        </form></section>
        """);
}
