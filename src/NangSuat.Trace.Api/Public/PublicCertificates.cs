using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Public.Pages;

namespace NangSuat.Trace.Api.Public;

/// <summary>
/// Anyone may type a certificate's number and see its holder, body, scope, validity, live status and
/// whether its chain holds, as Korea's GAP certificate service offers its citizens; a program gets the
/// same as GS1 Web Vocabulary CertificationDetails in JSON-LD.
/// </summary>
public static class PublicCertificates
{
    public const int MaxNumberLength = 100;

    public static void MapPublicCertificates(this RouteGroupBuilder pages)
    {
        pages.MapGet(PublicPaths.Certificates, Lookup).WithName("CertificateLookup")
            .WithSummary("Public certificate look-up by number (?so=); Vietnamese, ?lang=en for English")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest);
        pages.MapGet($"{PublicPaths.Certificates}/{{id:guid}}", Show).WithName("CertificatePage")
            .WithSummary("A certificate's public page; ?format=jsonld (or Accept: application/ld+json) for its gs1:CertificationDetails")
            .Produces<string>(StatusCodes.Status200OK, "text/html", "application/ld+json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Lookup([FromQuery(Name = "so")] string? number, HttpContext context, TraceDb db, CancellationToken cancellationToken)
    {
        var typed = number?.Trim();
        if (string.IsNullOrEmpty(typed))
        {
            return new RazorComponentResult<CertificateLookupPage>(new { });
        }

        if (typed.Length > MaxNumberLength || !FieldErrors.IsCleanText(typed))
        {
            return new RazorComponentResult<CertificateLookupPage>(new
            {
                Number = typed.Length > MaxNumberLength ? typed[..MaxNumberLength] : typed,
                Problem = Language.Pick($"Số chứng nhận là một dòng chữ và số, tối đa {MaxNumberLength} ký tự.", $"A certificate number is one line of letters and digits, at most {MaxNumberLength} characters."),
            }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        var key = typed.ToUpperInvariant();
        var found = await db.Certificates.AsNoTracking().Include(c => c.Organization).Where(c => c.Number.ToUpper() == key).OrderBy(c => c.Id).Take(20).ToListAsync(cancellationToken);
        context.TagAnswer([.. found.Select(c => PublicTag.Organization(c.OrganizationId)).Distinct()]);
        return new RazorComponentResult<CertificateLookupPage>(new { Number = typed, Found = found, Searched = true });
    }

    private static async Task<IResult> Show(Guid id, [FromQuery] string? format, HttpContext context, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (format is not (null or "jsonld" or "html"))
        {
            var errors = new FieldErrors();
            errors.Add("format", "chỉ nhận jsonld hoặc html", "use jsonld or html");
            return errors.Problem();
        }

        var certificate = await db.Certificates.AsNoTracking().Include(c => c.History).Include(c => c.Organization).Include(c => c.Body)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return Problems.NotFound("Không có chứng nhận này trên cổng.", "There is no such certificate on this portal.");
        }

        context.TagAnswer(PublicTag.Organization(certificate.OrganizationId));
        Resolver.TagBodies(context, [certificate]);
        var today = clock.TodayInVietnam();
        var verdict = (await CertificateVerification.VerdictsAsync(db, [certificate], null, today, cancellationToken))[certificate.Id];
        var products = await db.Products.AsNoTracking().Where(p => certificate.ProductsInScope.Contains(p.Id)).Select(p => p.NameVi).ToListAsync(cancellationToken);
        var areas = await db.ProductionAreas.AsNoTracking().Where(a => certificate.AreasInScope.Contains(a.Id)).Select(a => a.Name).ToListAsync(cancellationToken);
        if (format == "jsonld" || (format is null && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType == "application/ld+json")))
        {
            context.Response.Headers.Vary = "Accept";
            return TypedResults.Text(JsonLd(certificate, verdict, urls, today, products).ToJsonString(), "application/ld+json; charset=utf-8");
        }

        context.Response.Headers.Vary = "Accept";
        return new RazorComponentResult<CertificatePublicPage>(new { Certificate = certificate, Verdict = verdict, Today = today, Products = products, Areas = areas });
    }

    /// <summary>gs1:CertificationDetails: agency, standard, identification, dates, status, subject, and the stars of an OCOP rating as its value.</summary>
    private static JsonObject JsonLd(Certificate c, PublicVerdict verdict, PublicUrls urls, DateOnly today, IReadOnlyList<string> products)
    {
        var standing = c.StandingOn(today);
        var details = new JsonObject
        {
            ["@context"] = new JsonObject { ["gs1"] = "https://ref.gs1.org/voc/", ["xsd"] = "http://www.w3.org/2001/XMLSchema#" },
            ["@id"] = urls.CertificatePage(c.Id),
            ["@type"] = "gs1:CertificationDetails",
            ["gs1:certificationAgency"] = c.Body?.Name ?? c.Issuer,
            ["gs1:certificationStandard"] = c.Type.Display(),
            ["gs1:certificationIdentification"] = c.Number,
            ["gs1:certificationStartDate"] = new JsonObject { ["@value"] = c.ValidFrom.ToString("yyyy-MM-dd"), ["@type"] = "xsd:date" },
            ["gs1:certificationEndDate"] = new JsonObject { ["@value"] = c.ValidTo.ToString("yyyy-MM-dd"), ["@type"] = "xsd:date" },
            ["gs1:initialCertificationDate"] = new JsonObject { ["@value"] = c.IssuedOnOrFrom.ToString("yyyy-MM-dd"), ["@type"] = "xsd:date" },
            ["gs1:certificationStatus"] = standing == CertificateStanding.Valid && verdict.Verified ? "ACTIVE" : "INACTIVE",
            ["gs1:certificationSubject"] = products.Count > 0 ? string.Join(", ", products) : c.Organization?.Name,
            ["verified"] = verdict.Verified,
            ["standing"] = Json.CamelCase(standing.ToString()),
            ["reasons"] = new JsonArray([.. verdict.Reasons.Select(r => (JsonNode)new JsonObject { ["vi"] = r.Vi, ["en"] = r.En })]),
        };
        if (c.Type == CertificateType.Ocop && c.OcopStars is { } stars)
        {
            details["gs1:certificationValue"] = stars.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return details;
    }
}
