using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Pages;
using NangSuat.Trace.Api.Public.Pages;
using NangSuat.Trace.Api.Scans;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Public;

/// <summary>The GS1-conformant resolver: GS1 Digital Link URIs on the portal's own domain.</summary>
public static class Resolver
{
    public const string LinksetMediaType = "application/linkset+json";

    /// <summary>The JSON-LD context that reads a linkset as linked data; the description file names it too.</summary>
    public const string JsonLdContext = "https://ref.gs1.org/voc/?show=jsonld";

    /// <summary>A body's or a designation's change moves every verdict its certificates get: answers that show them carry its tag.</summary>
    public static void TagBodies(HttpContext context, IEnumerable<Certificates.Certificate> certificates) =>
        context.TagAnswer([.. certificates.Select(c => c.BodyId).OfType<Guid>().Distinct().Select(id => PublicTag.CertificationBody(id))]);

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static void MapResolver(this RouteGroupBuilder publicRoutes)
    {
        var resolver = publicRoutes.MapGroup("").WithTags("GS1 resolver").RequireCors(PublicApi.ResolverCors);
        resolver.MapMethods("/01/{**path}", Methods, Resolve).WithName("Resolve").CountedAsScans()
            .WithSummary("Resolve a GS1 Digital Link: 307 to the default or requested link, 300 when several links tie, or the linkset")
            .Produces(StatusCodes.Status307TemporaryRedirect).Produces<object>(StatusCodes.Status300MultipleChoices, LinksetMediaType)
            .Produces<object>(StatusCodes.Status200OK, LinksetMediaType).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        resolver.MapMethods("/{compressed:regex(^[A-Za-z0-9_-]{{8,}}$)}", Methods, Resolve).WithName("ResolveCompressed").CountedAsScans()
            .WithSummary("Resolve a compressed GS1 Digital Link in place (the Link header's owl:sameAs gives the uncompressed form)")
            .Produces(StatusCodes.Status307TemporaryRedirect).Produces<object>(StatusCodes.Status300MultipleChoices, LinksetMediaType)
            .Produces<object>(StatusCodes.Status200OK, LinksetMediaType).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        resolver.MapGet("/.well-known/gs1resolver", Description).WithName("ResolverDescription").WithSummary("GS1 resolver description file");
        foreach (var pattern in new[] { "/01/{**path}", "/{compressed:regex(^[A-Za-z0-9_-]{{8,}}$)}", "/.well-known/gs1resolver" })
        {
            resolver.MapMethods(pattern, [HttpMethods.Options], Options).ExcludeFromDescription();
        }
    }

    /// <summary>
    /// Uncompressed and compressed links alike. A compressed link (/AQnYUc1gmiCNV4JG…) is answered in
    /// place, not redirected to its uncompressed form; that form is given in the Link header as owl:sameAs.
    /// </summary>
    private static async Task<IResult> Resolve(HttpContext context, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parsed = DigitalLinkUri.Parse(context.RawTarget());
        if (!parsed.IsValid)
        {
            return InvalidCode(parsed.Problems);
        }

        if (parsed.Value!.PrimaryKey.Ai != "01")
        {
            return Problems.NotFound("Cổng này chỉ tra cứu mã sản phẩm GTIN (01).", "This portal resolves GTINs (01) only.");
        }

        var link = parsed.Value.ToGtinLink();
        if (!link.IsValid)
        {
            return InvalidCode(link.Problems);
        }

        var sameAs = link.Value!.Compression == DigitalLinkCompression.None ? null : link.Value.ToUri(urls.BaseUrl);
        return await AnswerAsync(context, link.Value, sameAs, db, urls, clock, cancellationToken);
    }

    private static async Task<IResult> AnswerAsync(
        HttpContext context, DigitalLink link, string? sameAs, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        context.TagAnswer(PublicTag.Gtin(link.Gtin));
        var linksetUri = urls.For(new DigitalLink(link.Gtin, Lot: link.Lot)) + "?linkType=linkset";
        var header = new StringBuilder($"<{linksetUri}>; rel=\"linkset\"; type=\"{LinksetMediaType}\"");
        if (sameAs is not null)
        {
            header.Append($", <{sameAs}>; rel=\"owl:sameAs\"");
        }

        var found = await db.FindTargetAsync(link.Gtin, link.Lot);
        if (found is null)
        {
            context.Response.Headers.Link = header.ToString();
            return UnknownGtin(link.Gtin);
        }

        context.TagAnswer(PublicTag.Product(found.ProductId), PublicTag.Organization(found.OrganizationId));
        var (target, unregistered) = await WalkUpAsync(found, link, db, cancellationToken);
        var linkType = link.Parameters.FirstOrDefault(p => p.Key == "linkType").Value;
        var wantsLinkset = linkType is "linkset" or "all" || (linkType is null && WantsLinkset(context.Request));
        var type = linkType is null || wantsLinkset ? LinkTypes.DefaultLink : LinkTypes.Find(linkType);
        var certificates = wantsLinkset || type == LinkTypes.CertificationInfo ? await db.CertificatesForAsync(target, cancellationToken) : [];
        var today = clock.TodayInVietnam();
        TagBodies(context, certificates);
        var contexts = new List<LinkContext>(2);
        if (target.Lot is { } lot)
        {
            var lotVerdicts = await Certificates.CertificateVerification.VerdictsAsync(db, certificates,
                await Certificates.CertificateVerification.LotFactsAsync(db, lot.Id, cancellationToken), today, cancellationToken);
            contexts.Add(LinksetBuilder.ForLot(target, lot, certificates, lotVerdicts, urls));
        }

        var productCertificates = certificates.Where(c => c.AppliesTo(target.ProductId, null, null)).ToList();
        var verdicts = await Certificates.CertificateVerification.VerdictsAsync(db, productCertificates, null, today, cancellationToken);
        contexts.Add(LinksetBuilder.ForProduct(target, productCertificates, verdicts, urls, unregistered));
        if (wantsLinkset)
        {
            // One Link field: some clients keep only the last of several.
            header.Append($", <{JsonLdContext}>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
            context.Response.Headers.Link = header.ToString();
            return TypedResults.Json(LinksetBuilder.ToJson(contexts), contentType: LinksetMediaType);
        }

        context.Response.Headers.Link = header.ToString();
        // The most specific level that has the requested type answers; the default link is the entry level's.
        var offered = type is null ? null : contexts.Select(c => c.Links.GetValueOrDefault(type)).FirstOrDefault(t => t is { Count: > 0 });
        if (offered is null)
        {
            return Problems.NotFound($"Không có liên kết loại '{FieldErrors.Shown(linkType!)}' cho mã này.", $"No link of type '{FieldErrors.Shown(linkType!)}' is available for this code.");
        }

        var inLanguage = offered.Where(t => t.Hreflang?.Contains(Language.Current) == true).ToList();
        var best = inLanguage.Count > 0 ? inLanguage : [.. offered];
        return best.Count == 1
            ? Redirect(context, best[0].Href, link)
            : MultipleChoices(context, contexts[0].Anchor, type!, best);
    }

    /// <summary>
    /// A lot or serial the producer never registered gets the default link of the level above (the
    /// standard wants one at every level), with a marker the product page turns into a warning.
    /// </summary>
    private static async Task<(ScanTarget Target, string Marker)> WalkUpAsync(ScanTarget target, DigitalLink link, TraceDb db, CancellationToken cancellationToken)
    {
        if (link.Serial is { } serial)
        {
            var serialLot = await db.FindSerialLotAsync(target.ProductId, serial);
            if (serialLot is { } lotId && link.Lot is null)
            {
                return (target with { Lot = await db.FindLotByIdAsync(lotId, cancellationToken) }, "");
            }

            if ((serialLot is { } issuedFor && issuedFor != target.Lot?.Id)
                || (serialLot is null && await db.IssuesSerialsAsync(target.ProductId, target.Lot?.Id, cancellationToken)))
            {
                return (target with { Lot = null }, Marker(link.Lot, serial));
            }
        }

        return link.Lot is not null && target.Lot is null ? (target, Marker(link.Lot, null)) : (target, "");
    }

    private static string Marker(string? lot, string? serial) =>
        "?" + string.Join('&', new[] { ("lo", lot), ("se", serial) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    private static IResult Redirect(HttpContext context, string href, DigitalLink link)
    {
        // Pass on every query pair except the one that chose the link, as the standard asks.
        var passOn = link.Attributes.Concat(link.Parameters.Where(p => p.Key != "linkType"))
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)).ToList();
        var fragment = href.IndexOf('#', StringComparison.Ordinal);
        var (target, hash) = fragment < 0 ? (href, "") : (href[..fragment], href[fragment..]);
        if (passOn.Count > 0)
        {
            target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', passOn);
        }

        // The next scan asks again, so a recall shows at once.
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Redirect(target + hash, permanent: false, preserveMethod: true);
    }

    /// <summary>Several links of the requested type tie on every preference the request states: the client chooses (RFC 9110 300).</summary>
    private static IResult MultipleChoices(HttpContext context, string anchor, string type, IReadOnlyList<LinkTarget> choices)
    {
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.WantsHtml())
        {
            return new RazorComponentResult<ChoicesPage>(new { Choices = choices }) { StatusCode = StatusCodes.Status300MultipleChoices };
        }

        var linkset = new Dictionary<string, object> { ["linkset"] = new[] { new Dictionary<string, object> { ["anchor"] = anchor, [type] = choices } } };
        return TypedResults.Json(linkset, contentType: LinksetMediaType, statusCode: StatusCodes.Status300MultipleChoices);
    }

    private static bool WantsLinkset(HttpRequest request) => request.Accepts(LinksetMediaType);

    /// <summary>The preflight answer, with the CORS headers a scanner app in a browser needs whatever it asked.</summary>
    private static NoContent Options(HttpContext context, PublicUrls urls)
    {
        var headers = context.Response.Headers;
        headers.Allow = "GET, HEAD, OPTIONS";
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
        headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.Count > 0
            ? context.Request.Headers.AccessControlRequestHeaders.ToString()
            : "Accept, Accept-Language";
        headers.AccessControlExposeHeaders = "Link, Location";
        headers.AccessControlMaxAge = "86400";
        if (DigitalLink.Parse(context.RawTarget()) is { IsValid: true, Value: { } link })
        {
            headers.Link = $"<{urls.For(new DigitalLink(link.Gtin, Lot: link.Lot))}?linkType=linkset>; rel=\"linkset\"; type=\"{LinksetMediaType}\"";
        }

        return TypedResults.NoContent();
    }

    private static Ok<ResolverDescription> Description(PublicUrls urls, IOptions<ResolverOptions> options) =>
        TypedResults.Ok(new ResolverDescription(
            options.Value.PortalName, urls.BaseUrl, ["01"], [new("https://ref.gs1.org/voc/", "gs1:")], JsonLdContext, LinkTypes.All));

    public static ProblemHttpResult InvalidCode(IReadOnlyList<Gs1Problem> problems) =>
        TypedResults.Problem(
            Language.Pick("Mã bạn vừa quét hoặc nhập không đúng định dạng GS1, nên không thể tra cứu. Nhãn có thể bị in sai hoặc bị làm giả.",
                "The code you scanned or typed is not a well-formed GS1 code, so it cannot be looked up. The label may be misprinted or counterfeit."),
            statusCode: StatusCodes.Status400BadRequest,
            title: Language.Pick("Mã không hợp lệ.", "This code is not valid."),
            type: ProblemTypes.Validation,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.GroupBy(p => p.Part).ToDictionary(g => g.Key, g => g.Select(p => p.Message(Language.Current)).ToArray()),
            });

    public static ProblemHttpResult UnknownGtin(string gtin) =>
        TypedResults.Problem(
            Language.Pick($"GTIN {gtin} chưa được đăng ký trên cổng này.", $"GTIN {gtin} is not registered on this portal."),
            statusCode: StatusCodes.Status404NotFound,
            title: Language.Pick("Không tìm thấy thông tin.", "No information found."),
            type: ProblemTypes.NotFound,
            extensions: new Dictionary<string, object?> { [BrowserErrorPageWriter.AdviceKey] = CopyWarning() });

    public static string CopyWarning() => Language.Pick(
        "Nếu mã này in trên bao bì, hãy cẩn trọng: sản phẩm có thể chưa được đăng ký truy xuất nguồn gốc, hoặc nhãn không phải do nhà sản xuất cấp.",
        "If this code is printed on a pack, take care: the product may not be registered for traceability, or the label was not issued by the producer.");
}

public sealed record SupportedLinkType(string Namespace, string Prefix);

public sealed record ResolverDescription(
    string Name, string ResolverRoot, IReadOnlyList<string> SupportedPrimaryKeys, IReadOnlyList<SupportedLinkType> SupportedLinkType,
    string JsonLdContextLocation, IReadOnlyList<string> LinkTypes);
