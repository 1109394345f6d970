using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Gs1;
using static NangSuat.Trace.Api.Infrastructure.Language;
using static NangSuat.Trace.Api.PublicPages.Html;

namespace NangSuat.Trace.Api.PublicPages;

/// <summary>
/// The consumer pages a scanned label opens: what Circular 02/2024/TT-BKHCN lets a consumer look up
/// about a product and its lot.
/// </summary>
public static class TracePages
{
    public static RouteGroupBuilder MapTracePages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/san-pham").WithTags("Public pages").AllowAnonymous().RequireRateLimiting(ResolverApi.CorsPolicy);
        group.MapGet("/{gtin}", (string gtin, HttpContext context, TraceDb db, ResolverLinks links, TimeProvider clock, IOptions<ResolverOptions> options, CancellationToken ct)
            => Render(gtin, null, context, db, links, clock, options.Value, ct)).WithSummary("Public product page (Vietnamese; ?lang=en for English)");
        group.MapGet("/{gtin}/lo/{lot}", (string gtin, HttpContext context, TraceDb db, ResolverLinks links, TimeProvider clock, IOptions<ResolverOptions> options, CancellationToken ct)
            => Render(gtin, RawLastSegment(context), context, db, links, clock, options.Value, ct)).WithSummary("Public lot page: the page a QR label opens");
        return group;
    }

    private static async Task<IResult> Render(
        string gtin, string? lotNumber, HttpContext context, TraceDb db, ResolverLinks links, TimeProvider clock, ResolverOptions options, CancellationToken cancellationToken)
    {
        var parsed = DigitalLink.Create(gtin, lotNumber);
        if (!parsed.IsValid)
        {
            return ErrorPages.InvalidCode(context, parsed.Problems);
        }

        var trace = await db.FindTraceAsync(parsed.Value!.Gtin, lotNumber, cancellationToken);
        if (trace is null || (lotNumber is not null && trace.Lot is null))
        {
            return ErrorPages.UnknownCode(context, parsed.Value, trace?.Product);
        }

        context.Response.Headers.CacheControl = "public, max-age=60";
        var product = trace.Product;
        var name = IsEnglish && product.NameEn is { } en ? en : product.NameVi;
        var body = new StringBuilder();
        if (trace.Lot is { Status: LotStatus.Recalled } recalled)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <div class="recall" id="thu-hoi" role="alert">{Pick("CẢNH BÁO: Lô hàng này đã bị thu hồi. Không sử dụng sản phẩm.", "WARNING: This lot has been recalled. Do not use the product.")}
                <p>{Pick("Lý do", "Reason")}: {Encode(recalled.RecallReason)}</p><p>{Pick("Ngày thu hồi", "Recalled on")}: {Date(DateOnly.FromDateTime(recalled.RecalledAt!.Value.ToOffset(TimeSpan.FromHours(7)).DateTime))}</p></div>
                """);
        }

        body.Append(CultureInfo.InvariantCulture, $"<h1>{Encode(name)}</h1>");
        if (product.OcopStars is { } stars)
        {
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"stars\" aria-label=\"OCOP {stars} {Pick("sao", "stars")}\">{new string('★', stars)} <span class=\"muted\">OCOP {stars} {Pick("sao", "stars")}</span></div>");
        }

        body.Append(ProductImage(product.ImageUrl));
        body.Append("<section><dl>");
        Row(body, Pick("Thương hiệu", "Brand"), product.Brand);
        Row(body, Pick("Loại sản phẩm", "Category"), product.Category);
        Row(body, "GTIN", product.Gtin);
        Row(body, Pick("Tiêu chuẩn áp dụng", "Applied standards"), product.Standards.Count == 0 ? null : string.Join("; ", product.Standards));
        body.Append("</dl>");
        if (product.Description is { } description)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{Encode(description)}</p>");
        }

        body.Append("</section>");
        if (trace.Lot is { } lot)
        {
            body.Append(CultureInfo.InvariantCulture, $"<h2>{Pick("Lô hàng", "Lot")}</h2><section id=\"lo\"><dl>");
            Row(body, Pick("Số lô", "Lot number"), lot.LotNumber);
            Row(body, Pick("Ngày sản xuất / thu hoạch", "Production / harvest date"), Date(lot.ProductionDate));
            Row(body, Pick("Ngày đóng gói", "Packing date"), Date(lot.PackingDate));
            Row(body, Pick("Hạn sử dụng", "Expiry date"), Date(lot.ExpiryDate));
            Row(body, Pick("Sử dụng tốt nhất trước", "Best before"), Date(lot.BestBeforeDate));
            Row(body, Pick("Số lượng", "Quantity"), lot.QuantityValue is { } q ? $"{q.ToString("0.###", CultureInfo.GetCultureInfo(Current))} {lot.QuantityUnit}" : null);
            Row(body, Pick("Tình trạng", "Status"), lot.Status == LotStatus.Recalled ? Pick("Đã thu hồi", "Recalled") : Pick("Đang lưu hành", "On the market"));
            body.Append("</dl></section>");
            if (lot.ProductionArea is { } area)
            {
                body.Append(CultureInfo.InvariantCulture, $"<h2>{Pick("Vùng sản xuất", "Production area")}</h2><section><dl>");
                Row(body, Pick("Tên vùng", "Name"), area.Name);
                Row(body, Pick("Mã số vùng trồng", "Area code"), area.AreaCode);
                Row(body, Pick("Địa điểm", "Location"), $"{area.Commune}, {area.Province}");
                Row(body, Pick("Diện tích", "Size"), area.Hectares is { } ha ? $"{ha.ToString("0.##", CultureInfo.GetCultureInfo(Current))} ha" : null);
                Row(body, Pick("Tọa độ", "Coordinates"), area.Latitude is { } lat ? string.Create(CultureInfo.InvariantCulture, $"{lat:0.#####}, {area.Longitude:0.#####}") : null);
                body.Append("</dl></section>");
            }
        }

        var producer = product.Organization!;
        body.Append(CultureInfo.InvariantCulture, $"<h2>{Pick("Nhà sản xuất", "Producer")}</h2><section><dl>");
        Row(body, Pick("Tên", "Name"), producer.Name);
        Row(body, Pick("Loại hình", "Kind"), Kind(producer.Kind));
        Row(body, Pick("Địa chỉ", "Address"), producer.Address);
        Row(body, Pick("Mã số thuế", "Tax code"), producer.TaxCode);
        Row(body, Pick("Điện thoại", "Phone"), producer.ContactPhone);
        Row(body, "Email", producer.ContactEmail);
        body.Append("</dl></section>");

        body.Append(CultureInfo.InvariantCulture, $"<h2>{Pick("Chứng nhận", "Certificates")}</h2><section id=\"chung-nhan\">");
        if (trace.Certificates.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{Pick("Chưa đăng ký chứng nhận nào.", "No certificates registered.")}</p>");
        }

        var today = clock.TodayInVietnam();
        foreach (var certificate in trace.Certificates)
        {
            Certificate(body, certificate, certificate.StandingOn(today));
        }

        body.Append("</section>");
        var link = links.For(parsed.Value);
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">GS1 Digital Link: {Encode(link)}</p>");
        var switchTo = context.Request.Path + (IsEnglish ? "?lang=vi" : "?lang=en");
        return Result(Page($"{name} – {options.PortalName}", options.PortalName, body.ToString(), switchTo));
    }

    /// <summary>
    /// The lot number exactly as encoded in the link: route values leave %2F encoded but decode
    /// %25, so a lot such as "A/7%B" can only be recovered from the raw request target.
    /// </summary>
    private static string RawLastSegment(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = string.IsNullOrEmpty(raw) ? context.Request.Path.ToString() : raw.Split('?', '#')[0];
        return Uri.UnescapeDataString(path.TrimEnd('/')[(path.TrimEnd('/').LastIndexOf('/') + 1)..]);
    }

    private static void Certificate(StringBuilder body, Certificate c, CertificateStanding standing)
    {
        var mark = standing == CertificateStanding.Valid
            ? $"<span class=\"badge\">✓ {standing.Display(Current)}</span>"
            : $"<span class=\"status{(standing is CertificateStanding.Revoked or CertificateStanding.Suspended ? " bad" : "")}\">{standing.Display(Current)}</span>";
        body.Append(CultureInfo.InvariantCulture, $"""
            <div class="cert" id="chung-nhan-{c.Id}"><strong>{Encode(c.Type.Display())}</strong> {mark}<dl>
            <dt>{Pick("Số", "Number")}</dt><dd>{Encode(c.Number)}</dd>
            <dt>{Pick("Tổ chức cấp", "Issued by")}</dt><dd>{Encode(c.Issuer)}</dd>
            <dt>{Pick("Hiệu lực", "Valid")}</dt><dd>{Date(c.ValidFrom)} – {Date(c.ValidTo)}</dd>
            <dt>{Pick("Phạm vi", "Covers")}</dt><dd>{(c.ProductId is not null ? Pick("Sản phẩm này", "This product") : c.ProductionAreaId is not null ? Pick("Vùng sản xuất của lô", "The lot's production area") : Pick("Cả tổ chức", "The whole producer"))}</dd>
            </dl></div>
            """);
    }

    /// <summary>Only pictures on the portal itself are shown inline: the page makes no request to other hosts.</summary>
    private static string ProductImage(string? url) => url switch
    {
        null => "",
        _ when url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) =>
            $"<img class=\"product\" src=\"{Encode(url)}\" alt=\"{Pick("Ảnh sản phẩm", "Product photo")}\" width=\"640\" height=\"480\" loading=\"lazy\">",
        _ => $"<p><a href=\"{Encode(url)}\" rel=\"noopener noreferrer nofollow\">{Pick("Xem ảnh sản phẩm", "See the product photo")}</a></p>",
    };

    private static void Row(StringBuilder body, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body.Append(CultureInfo.InvariantCulture, $"<dt>{Encode(label)}</dt><dd>{Encode(value)}</dd>");
        }
    }

    private static string? Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Kind(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Enterprise => Pick("Doanh nghiệp", "Enterprise"),
        OrganizationKind.Cooperative => Pick("Hợp tác xã", "Cooperative"),
        _ => Pick("Hộ kinh doanh", "Household business"),
    };
}
