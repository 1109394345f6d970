using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.PublicPages;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Api.Resolver;

/// <summary>The GS1-conformant resolver: GS1 Digital Link URIs on the portal's own domain.</summary>
public static class ResolverApi
{
    public const string LinksetMediaType = "application/linkset+json";
    public const string CorsPolicy = "resolver";

    public static RouteGroupBuilder MapResolver(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("GS1 resolver").AllowAnonymous().RequireCors(CorsPolicy).RequireRateLimiting(CorsPolicy);
        group.MapMethods("/01/{**path}", [HttpMethods.Get, HttpMethods.Head], Resolve)
            .WithSummary("Resolve a GS1 Digital Link: 307 to the default link, a linkset, or the requested link type");
        group.MapMethods("/01/{**path}", [HttpMethods.Options], Options).ExcludeFromDescription();
        group.MapMethods("/{compressed:regex(^[A-Za-z0-9_-]{{8,}}$)}", [HttpMethods.Get, HttpMethods.Head], ResolveCompressed)
            .WithSummary("Resolve a compressed GS1 Digital Link in place (owl:sameAs gives the uncompressed form)");
        group.MapGet("/.well-known/gs1resolver", Description).WithSummary("GS1 resolver description file");
        return group;
    }

    private static async Task<IResult> Resolve(HttpContext context, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The raw target keeps %2F inside a lot number; the decoded path would split it.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = string.IsNullOrEmpty(raw) ? context.Request.Path + context.Request.QueryString : raw;
        var parsed = DigitalLink.Parse(target);
        if (!parsed.IsValid)
        {
            return ErrorPages.InvalidCode(context, parsed.Problems);
        }

        return await AnswerAsync(context, parsed.Value!, db, links, clock, cancellationToken);
    }

    /// <summary>
    /// A compressed Digital Link (/AQnYUc1gmiCNV4JG…) is answered in place, not redirected to its
    /// uncompressed form; that form is given in a Link header as owl:sameAs.
    /// </summary>
    private static async Task<IResult> ResolveCompressed(HttpContext context, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var message = ElementStringParser.ParseDigitalLink(context.Request.Path + context.Request.QueryString);
        var uncompressed = message.Value?.ToDigitalLink(links.BaseUrl);
        var problems = message.Problems.Concat(uncompressed?.Problems ?? []).ToList();
        if (problems.Count > 0)
        {
            return ErrorPages.InvalidCode(context, problems);
        }

        if (message.Value!.Elements.All(e => e.Ai != "01"))
        {
            return Problems.NotFound("Cổng này chỉ tra cứu mã sản phẩm GTIN (01).", "This portal resolves GTINs (01) only.");
        }

        var passedOn = context.Request.Query.Where(q => !q.Key.All(char.IsAsciiDigit)).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        var target = uncompressed!.Value.Value! + (passedOn.Any() ? (uncompressed.Value.Value!.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', passedOn) : "");
        context.Response.Headers.Append(HeaderNames.Link, $"<{uncompressed.Value.Value}>; rel=\"owl:sameAs\"");
        return await AnswerAsync(context, DigitalLink.Parse(target).Value!, db, links, clock, cancellationToken);
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, DigitalLink link, TraceDb db, ResolverLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var trace = await db.FindTraceAsync(link.Gtin, link.Lot, cancellationToken);
        if (trace is null || (link.Lot is not null && trace.Lot is null))
        {
            return ErrorPages.UnknownCode(context, link, trace?.Product);
        }

        // Once a lot's serials are issued, a serial it never issued is a warning sign, not a lot page.
        if (link.Serial is { } serial && trace.Lot is { } serialized
            && !await db.SerialNumbers.AnyAsync(s => s.ProductId == trace.Product.Id && s.Value == serial && s.LotId == serialized.Id, cancellationToken)
            && await db.SerialNumbers.AnyAsync(s => s.LotId == serialized.Id, cancellationToken))
        {
            return ErrorPages.UnknownCode(context, link, trace.Product, serialNotIssued: true);
        }

        var today = clock.TodayInVietnam();
        var contexts = new List<LinkContext>();
        if (trace.Lot is { } lot)
        {
            contexts.Add(LinksetBuilder.ForLot(lot, trace.Product, trace.Certificates, links, today));
        }

        contexts.Add(LinksetBuilder.ForProduct(trace.Product, trace.Certificates, links, today));
        var canonical = links.For(new DigitalLink(link.Gtin, Lot: link.Lot));
        context.Response.Headers.Append(HeaderNames.Link, $"<{canonical}?linkType=linkset>; rel=\"linkset\"; type=\"{LinksetMediaType}\"");

        var linkType = link.Parameters.FirstOrDefault(p => p.Key == "linkType").Value;
        if (linkType is "linkset" or "all" || (linkType is null && WantsLinkset(context.Request)))
        {
            return TypedResults.Json(LinksetBuilder.ToJson(contexts), contentType: LinksetMediaType);
        }

        // The most specific level that has the requested type wins; the default link is the entry level's.
        var type = linkType is null ? LinkTypes.DefaultLink : LinkTypes.Find(linkType);
        var chosen = type is null ? null : contexts.Select(c => c.Links.GetValueOrDefault(type)).FirstOrDefault(t => t is { Count: > 0 });
        if (chosen is null)
        {
            return Problems.NotFound($"Không có liên kết loại '{linkType}' cho mã này.", $"No link of type '{linkType}' is available for this code.");
        }

        var best = chosen.FirstOrDefault(t => t.Hreflang?.Contains(Language.Current) == true) ?? chosen[0];
        return Redirect(context, best.Href, link);
    }

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

        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Redirect(target + hash, permanent: false, preserveMethod: true);
    }

    private static bool WantsLinkset(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(LinksetMediaType, StringComparison.OrdinalIgnoreCase));

    private static NoContent Options(HttpContext context)
    {
        context.Response.Headers.Allow = "GET, HEAD, OPTIONS";
        return TypedResults.NoContent();
    }

    private static Ok<ResolverDescription> Description(ResolverLinks links, IOptions<ResolverOptions> options) =>
        TypedResults.Ok(new ResolverDescription(
            options.Value.PortalName, links.BaseUrl, ["01"], [new("https://ref.gs1.org/voc/", "gs1:")],
            "https://ref.gs1.org/voc/?show=jsonld", LinkTypes.All));
}

public sealed record SupportedLinkType(string Namespace, string Prefix);

public sealed record ResolverDescription(
    string Name, string ResolverRoot, IReadOnlyList<string> SupportedPrimaryKeys, IReadOnlyList<SupportedLinkType> SupportedLinkType,
    string JsonLdContextLocation, IReadOnlyList<string> LinkTypes);
