using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Pages;
using NangSuat.Trace.Api.Public.Pages;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Public;

/// <summary>
/// The consumer pages a scanned label opens: what Circular 02/2024/TT-BKHCN lets a consumer look up
/// about a product and its lot, and the look-up form for a code typed by hand.
/// </summary>
public static class PublicPages
{
    public static void MapPublicPages(this RouteGroupBuilder publicRoutes)
    {
        var pages = publicRoutes.MapGroup("").WithTags("Public pages");
        pages.MapGet("/", Home).ExcludeFromDescription();
        pages.MapGet("/tra-cuu", Lookup).ExcludeFromDescription();
        pages.MapGet("/san-pham/{gtin}", ProductPage).WithName("ProductPage")
            .WithSummary("Public product page (Vietnamese; ?lang=en for English); ?lo= and ?se= name an unregistered lot or serial to warn about")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        pages.MapGet("/san-pham/{gtin}/lo/{lot}", LotPage).WithName("LotPage").WithSummary("Public lot page: the page a QR label opens")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        pages.MapPublicCertificates();
        pages.MapGet($"{PublicPaths.ProductPhotos}/{{id:guid}}", Photo).WithName("ProductPhoto").WithSummary("A product photo")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/jpeg", "image/png", "image/webp").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static RazorComponentResult<HomePage> Home() => new(new { });

    private static IResult Lookup(string? gtin, string? lot)
    {
        var link = DigitalLink.Create(gtin ?? "", string.IsNullOrWhiteSpace(lot) ? null : lot.Trim());
        if (!link.IsValid)
        {
            return new RazorComponentResult<HomePage>(new { Gtin = gtin, Lot = lot, Problems = link.Problems }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        var path = link.Value!.Lot is { } lotNumber ? PublicPaths.Lot(link.Value.Gtin, lotNumber) : PublicPaths.Product(link.Value.Gtin);
        return TypedResults.Redirect(Language.IsEnglish ? path + "?lang=en" : path);
    }

    private static Task<IResult> ProductPage(string gtin, string? lo, string? se, HttpContext context, TraceDb db, PublicUrls urls, TimeProvider clock) =>
        RenderAsync(gtin, null, Marked(lo), Marked(se), context, db, urls, clock);

    private static Task<IResult> LotPage(string gtin, HttpContext context, TraceDb db, PublicUrls urls, TimeProvider clock) =>
        RenderAsync(gtin, RawLastSegment(context), null, null, context, db, urls, clock);

    private static async Task<IResult> RenderAsync(
        string gtin, string? lotNumber, string? unregisteredLot, string? unregisteredSerial, HttpContext context, TraceDb db, PublicUrls urls, TimeProvider clock)
    {
        var parsed = DigitalLink.Create(gtin, lotNumber);
        if (!parsed.IsValid)
        {
            return Resolver.InvalidCode(parsed.Problems);
        }

        var gtin14 = parsed.Value!.Gtin;
        context.TagAnswer(PublicTag.Gtin(gtin14));
        var view = lotNumber is null ? await db.FindProductPageAsync(gtin14, unregisteredLot) : await db.FindLotPageAsync(gtin14, lotNumber);
        if (view is null && lotNumber is not null && await db.FindProductPageAsync(gtin14, null) is { } product)
        {
            context.TagAnswer(PublicTag.Product(product.Product.Id), PublicTag.Organization(product.Product.OrganizationId));
            return UnknownLot(product, lotNumber);
        }

        if (view is null)
        {
            return Resolver.UnknownGtin(gtin14);
        }

        context.TagAnswer(PublicTag.Product(view.Product.Id), PublicTag.Organization(view.Product.OrganizationId));
        // A walk-up marker is believed only when the lot or serial is indeed not registered.
        var warnLot = unregisteredLot is not null && !view.LotRegistered ? unregisteredLot : null;
        var warnSerial = unregisteredSerial is not null && (warnLot is not null || await NotIssuedAsync(db, view.Product.Id, unregisteredLot, unregisteredSerial, context.RequestAborted))
            ? unregisteredSerial : null;
        context.Response.Headers.CacheControl = "no-cache";
        var today = clock.TodayInVietnam();
        var applicable = view.Applicable.ToList();
        Resolver.TagBodies(context, applicable);
        var lotFacts = view.Lot is { } lot
            ? new Chain.LotFacts(lot.OrganizationId, new Chain.ProductFacts(view.Product.Id, view.Product.NameVi, view.Product.Group, view.Product.OcopStars),
                view.Area is { } area ? new Chain.AreaFacts(area.Id, area.Name, area.AreaCode) : null, lot.ProductionDate ?? lot.PackingDate)
            : null;
        var verdicts = await Certificates.CertificateVerification.VerdictsAsync(db, applicable, lotFacts, today, context.RequestAborted);
        return new RazorComponentResult<TracePage>(new
        {
            View = view,
            Verdicts = verdicts,
            DigitalLink = urls.For(parsed.Value),
            Today = today,
            UnregisteredLot = warnLot ?? (warnSerial is not null ? unregisteredLot : null),
            UnregisteredSerial = warnSerial,
            SwitchLanguageHref = context.Request.Path + (Language.IsEnglish ? "?lang=vi" : "?lang=en"),
        });
    }

    /// <summary>A serial is a warning sign only where the producer issues serials and this one is not among them.</summary>
    private static async Task<bool> NotIssuedAsync(TraceDb db, Guid productId, string? lotNumber, string serial, CancellationToken cancellationToken)
    {
        var lotId = lotNumber is null ? null : await db.Lots.Where(l => l.ProductId == productId && l.LotNumber == lotNumber).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
        var issuedFor = await db.FindSerialLotAsync(productId, serial);
        return lotNumber is null ? issuedFor is null && await db.IssuesSerialsAsync(productId, null, cancellationToken)
            : issuedFor != lotId && (issuedFor is not null || await db.IssuesSerialsAsync(productId, lotId, cancellationToken));
    }

    private static ProblemHttpResult UnknownLot(PageView view, string lotNumber) =>
        TypedResults.Problem(
            Language.Pick($"Sản phẩm {view.Product.NameVi} không có lô {lotNumber} trên cổng này.",
                $"Product {view.Product.NameEn ?? view.Product.NameVi} has no lot {lotNumber} on this portal."),
            statusCode: StatusCodes.Status404NotFound,
            title: Language.Pick("Không tìm thấy thông tin.", "No information found."),
            type: ProblemTypes.NotFound,
            extensions: new Dictionary<string, object?>
            {
                [BrowserErrorPageWriter.AdviceKey] = Resolver.CopyWarning(),
                [BrowserErrorPageWriter.LinkKey] = new PageLink(PublicPaths.Product(view.Product.Gtin), Language.Pick("Xem thông tin sản phẩm", "See the product's page")),
            });

    private static async Task<IResult> Photo(Guid id, HttpContext context, TraceDb db, CancellationToken cancellationToken)
    {
        var image = await db.ProductImages.AsNoTracking().FirstOrDefaultAsync(i => i.ProductId == id, cancellationToken);
        context.TagAnswer(PublicTag.Product(id));
        if (image is null)
        {
            return Problems.NotFound("Sản phẩm chưa có ảnh.", "This product has no photo.");
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(image.Bytes, image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.Sha256}\""));
    }

    /// <summary>A walk-up marker names a lot or serial; anything that could not be one is ignored.</summary>
    private static string? Marked(string? value) => value is { Length: > 0 } && Cset82.Validate(value, "10").IsValid ? value : null;

    /// <summary>
    /// The lot number exactly as encoded in the link: route values leave %2F encoded but decode
    /// %25, so a lot such as "A/7%B" can only be recovered from the raw request target.
    /// </summary>
    private static string RawLastSegment(HttpContext context)
    {
        var path = context.RawTarget().Split('?', '#')[0].TrimEnd('/');
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }
}
