using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Certificates;

/// <summary>The inspectors' part of a certificate: suspending, revoking and reinstating it, with the reason kept.</summary>
public static class CertificateStatusApi
{
    public static void MapCertificateStatus(this RouteGroupBuilder certificates) =>
        certificates.MapPost("/{id:guid}/status", ChangeStatus).RequireAuthorization(Roles.Oversight)
            .WithSummary("Suspend, revoke or reinstate a certificate, with the reason");

    private static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, StatusRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var status = errors.OneOf<CertificateStatus>("status", request.Status);
        var reason = errors.Required("reason", request.Reason, 1000);
        if (errors.Any)
        {
            return errors.Problem();
        }

        var certificate = await db.Certificates.Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return CertificatesApi.NotFound(id);
        }

        if (certificate.Status == status)
        {
            return Problems.Conflict($"Chứng nhận đã ở trạng thái {Label(status.Value)}.", $"The certificate is already {Json.CamelCase(status.Value.ToString())}.");
        }

        if (certificate.Status == CertificateStatus.Revoked)
        {
            return Problems.Conflict("Chứng nhận đã bị thu hồi; không thể khôi phục hay đình chỉ lại. Hãy đăng ký chứng nhận mới.",
                "A revoked certificate is final; it cannot be reinstated or suspended. Register a new certificate.");
        }

        var now = clock.GetUtcNow();
        db.CertificateStatusChanges.Add(new CertificateStatusChange
        {
            Id = Guid.CreateVersion7(now), CertificateId = certificate.Id, From = certificate.Status, To = status!.Value,
            Reason = reason, ChangedByOrganizationId = caller.OrganizationId, ChangedAt = now,
        });
        (certificate.Status, certificate.UpdatedAt) = (status.Value, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(certificate.ToResponse(clock));
    }

    private static string Label(CertificateStatus status) => status switch
    {
        CertificateStatus.Active => "còn hiệu lực",
        CertificateStatus.Suspended => "đình chỉ",
        _ => "thu hồi",
    };
}
