using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Gs1;
using static NangSuat.Trace.Api.Infrastructure.Language;
using static NangSuat.Trace.Api.PublicPages.Html;

namespace NangSuat.Trace.Api.PublicPages;

/// <summary>
/// What a scan of a bad or unknown code answers: a friendly page for a person's browser, a
/// ProblemDetails for a program. Both carry the same reason and the right status.
/// </summary>
public static class ErrorPages
{
    public static IResult InvalidCode(HttpContext context, IReadOnlyList<Gs1Problem> problems)
    {
        var reasons = problems.Select(p => $"{Part(p.Part)}: {p.Message(Current)}").ToList();
        var detail = string.Join("; ", reasons);
        if (!WantsHtml(context.Request))
        {
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest,
                title: Pick("Mã GS1 Digital Link không hợp lệ.", "Not a valid GS1 Digital Link."),
                extensions: new Dictionary<string, object?> { ["errors"] = problems.GroupBy(p => p.Part).ToDictionary(g => g.Key, g => g.Select(p => p.Message(Current)).ToArray()) });
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{Pick("Mã không hợp lệ", "This code is not valid")}</h1><section class=\"error\"><p>{Pick(
            "Mã bạn vừa quét hoặc nhập không đúng định dạng GS1, nên không thể tra cứu. Nhãn có thể bị in sai hoặc bị làm giả.",
            "The code you scanned or typed is not a well-formed GS1 code, so it cannot be looked up. The label may be misprinted or counterfeit.")}</p><ul>");
        foreach (var reason in reasons)
        {
            body.Append(CultureInfo.InvariantCulture, $"<li>{Encode(reason)}</li>");
        }

        body.Append("</ul></section>");
        return Result(Page(Pick("Mã không hợp lệ", "Invalid code"), PortalName(context), body.ToString(), null), StatusCodes.Status400BadRequest);
    }

    public static IResult UnknownCode(HttpContext context, DigitalLink link, Product? product, bool serialNotIssued = false)
    {
        var detail = (product, serialNotIssued ? link.Serial : null) switch
        {
            (null, _) => Pick($"GTIN {link.Gtin} chưa được đăng ký trên cổng này.", $"GTIN {link.Gtin} is not registered on this portal."),
            (_, { } serial) => Pick($"Số sê-ri {serial} không do nhà sản xuất cấp cho lô {link.Lot} của {product.NameVi}.",
                $"Serial {serial} was not issued by the producer for lot {link.Lot} of {product.NameEn ?? product.NameVi}."),
            _ => Pick($"Sản phẩm {product.NameVi} không có lô {link.Lot} trên cổng này.", $"Product {product.NameEn ?? product.NameVi} has no lot {link.Lot} on this portal."),
        };
        if (!WantsHtml(context.Request))
        {
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: Pick("Không tìm thấy mã.", "Code not found."));
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{Pick("Không tìm thấy thông tin", "No information found")}</h1><section class=\"error\"><p>{Encode(detail)}</p><p>{Pick(
            "Nếu mã này in trên bao bì, hãy cẩn trọng: sản phẩm có thể chưa được đăng ký truy xuất nguồn gốc, hoặc nhãn không phải do nhà sản xuất cấp.",
            "If this code is printed on a pack, take care: the product may not be registered for traceability, or the label was not issued by the producer.")}</p>");
        if (product is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(PublicPaths.Product(product.Gtin))}\">{Pick("Xem thông tin sản phẩm", "See the product's page")}</a></p>");
        }

        body.Append("</section>");
        return Result(Page(Pick("Không tìm thấy", "Not found"), PortalName(context), body.ToString(), null), StatusCodes.Status404NotFound);
    }

    /// <summary>A phone's browser asks for text/html; scanners' apps and scripts ask for JSON or anything.</summary>
    private static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string PortalName(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ResolverOptions>>().Value.PortalName;

    private static string Part(string part) => part switch
    {
        "01" => "GTIN (01)",
        "10" => Pick("Số lô (10)", "Lot (10)"),
        "21" => Pick("Số sê-ri (21)", "Serial (21)"),
        "22" => Pick("Biến thể (22)", "Variant (22)"),
        "path" => Pick("Đường dẫn", "Path"),
        _ => part,
    };
}
