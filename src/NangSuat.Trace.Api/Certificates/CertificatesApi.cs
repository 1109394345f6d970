using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Certificates;

public sealed record CertificateRequest(
    string? Type, string? Number, string? Issuer, DateOnly? ValidFrom, DateOnly? ValidTo, Guid? ProductId, Guid? ProductionAreaId);

public sealed record StatusRequest(string? Status, string? Reason);

public sealed record StatusChangeResponse(string From, string To, string Reason, DateTimeOffset ChangedAt);

public sealed record CertificateResponse(
    Guid Id, Guid OrganizationId, string Type, string Number, string Issuer, DateOnly ValidFrom, DateOnly ValidTo,
    string Subject, Guid? ProductId, Guid? ProductionAreaId, string Status, string Standing,
    IReadOnlyList<StatusChangeResponse> History, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificates(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/certificates").WithTags("Certificates").RequireAuthorization(Roles.AnyReader);
        group.MapPost("/", Create).RequireAuthorization(Roles.Producer)
            .WithSummary("Register a certificate for the organization, one of its products, or one of its production areas");
        group.MapGet("/", List).WithSummary("List certificates (a producer sees its own)");
        group.MapGet("/{id:guid}", Get).WithSummary("Get a certificate with its status history");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Producer).WithSummary("Correct a certificate's details; its status is the inspectors'");
        group.MapCertificateStatus();
        return group;
    }

    private static async Task<Results<Created<CertificateResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CertificateRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var certificate = new Certificate { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, Number = "", Issuer = "", Status = CertificateStatus.Active, CreatedAt = now };
        if (await Apply(request, certificate, db, now, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        if (await IsDuplicate(certificate, db, cancellationToken))
        {
            return Duplicate(certificate);
        }

        db.Certificates.Add(certificate);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return Duplicate(certificate);
        }

        return TypedResults.Created($"/api/v1/certificates/{certificate.Id}", certificate.ToResponse(clock));
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
        return certificate is null || !caller.CanSee(certificate.OrganizationId) ? NotFound(id) : TypedResults.Ok(certificate.ToResponse(clock));
    }

    private static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, CertificateRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.Include(c => c.History)
            .FirstOrDefaultAsync(c => c.Id == id && c.OrganizationId == caller.Organization, cancellationToken);
        if (certificate is null)
        {
            return NotFound(id);
        }

        if (await Apply(request, certificate, db, clock.GetUtcNow(), cancellationToken) is { } invalid)
        {
            return invalid;
        }

        if (await IsDuplicate(certificate, db, cancellationToken))
        {
            return Duplicate(certificate);
        }

        return await db.TrySaveUniqueAsync(cancellationToken) ? TypedResults.Ok(certificate.ToResponse(clock)) : Duplicate(certificate);
    }

    private static async Task<ValidationProblem?> Apply(CertificateRequest request, Certificate certificate, TraceDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var type = errors.OneOf<CertificateType>("type", request.Type);
        var number = errors.Required("number", request.Number, 100);
        var issuer = errors.Required("issuer", request.Issuer);
        if (request.ValidFrom is null)
        {
            errors.Add("validFrom", "bắt buộc phải có (yyyy-MM-dd)", "is required (yyyy-MM-dd)");
        }

        if (request.ValidTo is null)
        {
            errors.Add("validTo", "bắt buộc phải có (yyyy-MM-dd)", "is required (yyyy-MM-dd)");
        }
        else if (request.ValidFrom is { } from && request.ValidTo < from)
        {
            errors.Add("validTo", "ngày hết hạn phải sau ngày bắt đầu hiệu lực", "must not be before validFrom");
        }

        if (request.ProductId is not null && request.ProductionAreaId is not null)
        {
            errors.Add("productId", "chỉ chọn một đối tượng: sản phẩm, vùng sản xuất, hoặc không chọn (cả tổ chức)",
                "give one subject only: productId, productionAreaId, or neither for the whole organization");
        }
        else if (request.ProductId is { } productId
            && !await db.Products.AnyAsync(p => p.Id == productId && p.OrganizationId == certificate.OrganizationId, cancellationToken))
        {
            errors.Add("productId", "tổ chức của bạn không có sản phẩm này", "your organization has no such product");
        }
        else if (request.ProductionAreaId is { } areaId
            && !await db.ProductionAreas.AnyAsync(a => a.Id == areaId && a.OrganizationId == certificate.OrganizationId, cancellationToken))
        {
            errors.Add("productionAreaId", "tổ chức của bạn không có vùng sản xuất này", "your organization has no such production area");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        (certificate.Type, certificate.Number, certificate.Issuer) = (type!.Value, number, issuer);
        (certificate.ValidFrom, certificate.ValidTo, certificate.UpdatedAt) = (request.ValidFrom!.Value, request.ValidTo!.Value, now);
        (certificate.ProductId, certificate.ProductionAreaId) = (request.ProductId, request.ProductionAreaId);
        return null;
    }

    private static Task<bool> IsDuplicate(Certificate c, TraceDb db, CancellationToken cancellationToken) =>
        db.Certificates.AnyAsync(o => o.Type == c.Type && o.Number == c.Number && o.Issuer == c.Issuer && o.Id != c.Id, cancellationToken);

    private static ProblemHttpResult Duplicate(Certificate c) => Problems.Conflict(
        $"Chứng nhận {c.Type} số {c.Number} của {c.Issuer} đã được đăng ký.", $"{c.Type} certificate {c.Number} from {c.Issuer} is already registered.");

    internal static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"Không có chứng nhận {id}.", $"There is no certificate {id}.");
}

public static class CertificateMapping
{
    /// <summary>Vietnam keeps one offset all year, so "today" for a certificate is UTC+7.</summary>
    public static DateOnly TodayInVietnam(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);

    public static CertificateResponse ToResponse(this Certificate c, TimeProvider clock) => new(
        c.Id, c.OrganizationId, Json.CamelCase(c.Type.ToString()), c.Number, c.Issuer, c.ValidFrom, c.ValidTo,
        c.ProductId is not null ? "product" : c.ProductionAreaId is not null ? "productionArea" : "organization",
        c.ProductId, c.ProductionAreaId, Json.CamelCase(c.Status.ToString()), Json.CamelCase(c.StandingOn(clock.TodayInVietnam()).ToString()),
        [.. c.History.OrderBy(h => h.ChangedAt).Select(h => new StatusChangeResponse(Json.CamelCase(h.From.ToString()), Json.CamelCase(h.To.ToString()), h.Reason, h.ChangedAt))],
        c.CreatedAt, c.UpdatedAt);
}
