using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Certificates;

/// <summary>
/// A certificate as registered: <c>standard</c> (or its older name <c>type</c>), the body from the registry
/// (<c>bodyId</c>) or an issuer typed as text, the issue date, validity, and its scope.
/// </summary>
public sealed record CertificateRequest(
    string? Type, string? Number, string? Issuer, DateOnly? ValidFrom, DateOnly? ValidTo, Guid? ProductId, Guid? ProductionAreaId,
    string? Standard = null, Guid? BodyId = null, DateOnly? IssuedOn = null, CertificateScope? Scope = null, int? OcopStars = null);

/// <summary>What a certificate covers: products, product groups and production areas; all empty for the whole organization.</summary>
public sealed record CertificateScope(List<Guid>? ProductIds, List<string>? ProductGroups, List<Guid>? ProductionAreaIds);

public sealed record StatusChangeResponse(CertificateStatus From, CertificateStatus To, string Reason, DateTimeOffset ChangedAt);

public enum CertificateSubject
{
    Organization,
    Product,
    ProductionArea,
}

public sealed record CertificateResponse(
    Guid Id, Guid OrganizationId, CertificateType Type, string Number, string Issuer, DateOnly ValidFrom, DateOnly ValidTo,
    CertificateSubject Subject, Guid? ProductId, Guid? ProductionAreaId, CertificateStatus Status, CertificateStanding Standing,
    IReadOnlyList<StatusChangeResponse> History, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    CertificateType Standard, Guid? BodyId, bool IssuerInRegistry, DateOnly IssuedOn, CertificateScope Scope, int? OcopStars);

public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificates(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/certificates").WithTags("Certificates").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).RequireAuthorization(Roles.Producer).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateCertificate").WithSummary("Register a certificate for the organization, one of its products, or one of its production areas");
        group.MapGet("/", List).WithName("ListCertificates").WithSummary("List certificates (a producer sees its own)");
        group.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetCertificate").WithSummary("Get a certificate with its status history");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Producer)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateCertificate").WithSummary("Correct a certificate's details; its status is the inspectors'");
        group.MapCertificateStatus();
        return group;
    }

    private static async Task<Results<Created<CertificateResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CertificateRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var certificate = new Certificate { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, Number = "", Issuer = "", Status = CertificateStatus.Active, CreatedAt = now };
        var errors = new FieldErrors();
        if (!await CertificateRules.ApplyAsync(request, certificate, db, now, errors, cancellationToken))
        {
            return errors.Problem();
        }

        if (await IsDuplicate(certificate, db, cancellationToken))
        {
            return Duplicate(certificate);
        }

        db.Certificates.Add(certificate);
        return await db.TrySaveUniqueAsync(cancellationToken)
            ? TypedResults.Created($"/api/v1/certificates/{certificate.Id}", certificate.ToResponse(clock))
            : Duplicate(certificate);
    }

    private static async Task<Results<Ok<PagedList<CertificateResponse>>, ValidationProblem>> List(
        [AsParameters] Paging paging, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        if (errors.Any)
        {
            return errors.Problem();
        }

        var query = db.Certificates.AsNoTracking().Include(c => c.History)
            .Where(c => caller.SeesAll || c.OrganizationId == caller.OrganizationId).OrderBy(c => c.Id);
        return TypedResults.Ok(await paging.ToPageAsync(query, c => c.ToResponse(clock), cancellationToken));
    }

    private static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return certificate is null || !caller.CanSee(certificate.OrganizationId)
            ? Problems.NotFound(RecordKind.Certificate, id)
            : TypedResults.Ok(certificate.ToResponse(clock));
    }

    private static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, CertificateRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.Include(c => c.History)
            .FirstOrDefaultAsync(c => c.Id == id && c.OrganizationId == caller.Organization, cancellationToken);
        if (certificate is null)
        {
            return Problems.NotFound(RecordKind.Certificate, id);
        }

        var errors = new FieldErrors();
        if (!await CertificateRules.ApplyAsync(request, certificate, db, clock.GetUtcNow(), errors, cancellationToken))
        {
            return errors.Problem();
        }

        if (await IsDuplicate(certificate, db, cancellationToken))
        {
            return Duplicate(certificate);
        }

        return await db.TrySaveUniqueAsync(cancellationToken) ? TypedResults.Ok(certificate.ToResponse(clock)) : Duplicate(certificate);
    }

    private static Task<bool> IsDuplicate(Certificate c, TraceDb db, CancellationToken cancellationToken) =>
        db.Certificates.AnyAsync(o => o.Type == c.Type && o.Number == c.Number && o.Issuer == c.Issuer && o.Id != c.Id, cancellationToken);

    private static ProblemHttpResult Duplicate(Certificate c) => Problems.Conflict(
        $"Chứng nhận {c.Type.Display()} số {c.Number} của {c.Issuer} đã được đăng ký.", $"{c.Type.Display()} certificate {c.Number} from {c.Issuer} is already registered.");
}

public static class CertificateMapping
{
    public static CertificateResponse ToResponse(this Certificate c, TimeProvider clock) => new(
        c.Id, c.OrganizationId, c.Type, c.Number, c.Issuer, c.ValidFrom, c.ValidTo,
        c.ProductId is not null ? CertificateSubject.Product : c.ProductionAreaId is not null ? CertificateSubject.ProductionArea : CertificateSubject.Organization,
        c.ProductId, c.ProductionAreaId, c.Status, c.StandingOn(clock.TodayInVietnam()),
        [.. c.History.OrderBy(h => h.ChangedAt).Select(h => new StatusChangeResponse(h.From, h.To, h.Reason, h.ChangedAt))],
        c.CreatedAt, c.UpdatedAt, c.Type, c.BodyId, c.BodyId is not null, c.IssuedOnOrFrom,
        new CertificateScope([.. c.ProductsInScope], [.. c.ScopeProductGroups], [.. c.AreasInScope]), c.OcopStars);
}
