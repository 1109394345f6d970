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
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ChangeCertificateStatus").WithSummary("Suspend, revoke or reinstate a certificate, with the reason; decided once when requests race");

    private static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, StatusRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return Problems.NotFound(RecordKind.Certificate, id);
        }

        var errors = new FieldErrors();
        switch (CertificateRules.ChangeStatus(request, certificate, caller.OrganizationId, clock.GetUtcNow(), errors))
        {
            case StatusOutcome.Invalid:
                return errors.Problem();
            case StatusOutcome.AlreadyInStatus:
                return Problems.Conflict($"Chứng nhận đã ở trạng thái {certificate.Status.Display(Language.Vietnamese)}.",
                    $"The certificate is already {certificate.Status.Display(Language.English)}.");
            case StatusOutcome.RevokedIsFinal:
                return Problems.Conflict("Chứng nhận đã bị thu hồi; không thể khôi phục hay đình chỉ lại. Hãy đăng ký chứng nhận mới.",
                    "A revoked certificate is final; it cannot be reinstated or suspended. Register a new certificate.");
        }

        // Racing requests all read the old version; its concurrency token lets one write and the rest get a 409.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(certificate.ToResponse(clock));
    }
}
