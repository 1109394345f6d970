using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Certificates.Pages;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Certificates;

/// <summary>Certificates in the portal: anyone signed in finds one by its number (a producer only its own); inspectors change its status with a reason.</summary>
public static class CertificatePages
{
    public static void MapCertificatePages(this RouteGroupBuilder signedIn)
    {
        var certificates = signedIn.MapGroup("/chung-nhan");
        certificates.MapGet("/", List);
        certificates.MapGet("/{id:guid}", Show);
        certificates.MapPost("/{id:guid}/trang-thai", ChangeStatus).RequireAuthorization(PortalSession.Oversight);
    }

    private static async Task<RazorComponentResult<CertificateListPage>> List(
        string? q, [FromQuery(Name = "trang")] int? page, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = db.Certificates.AsNoTracking().Where(c => caller.SeesAll || c.OrganizationId == caller.OrganizationId);
        var text = q?.Trim();
        if (!string.IsNullOrEmpty(text) && text.Length <= 100 && FieldErrors.IsCleanText(text))
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(c => c.Number.ToUpper().Contains(upper));
        }

        var list = await Portal.ListPage.OfAsync(query, page, cancellationToken);
        var rows = await query.OrderBy(c => c.ValidTo).ThenBy(c => c.Id).Skip(list.Skip).Take(Portal.ListPage.Size)
            .Select(c => new { Certificate = c, Holder = db.Organizations.Where(o => o.Id == c.OrganizationId).Select(o => o.Name).First() })
            .ToListAsync(cancellationToken);
        return new(new
        {
            Items = rows.Select(r => new CertificateListPage.Row(r.Certificate, r.Holder)).ToList(),
            Query = text, Total = list.Total, Page = list.Number, Pages = list.Pages, Today = clock.TodayInVietnam(),
        });
    }

    private static async Task<IResult> Show(Guid id, [FromQuery(Name = "xong")] string? done, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().Include(c => c.History)
            .FirstOrDefaultAsync(c => c.Id == id && (caller.SeesAll || c.OrganizationId == caller.OrganizationId), cancellationToken);
        return certificate is null
            ? NotFound()
            : await PageAsync(certificate, caller, db, clock, null,
                done == "1" ? Language.Pick("Đã lưu trạng thái. Trang công khai hiện ngay từ lần quét tiếp theo.", "The status is saved. The public page shows it from the next scan.") : null,
                StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> ChangeStatus(Guid id, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var outcome = CertificateRules.ChangeStatus(new StatusRequest(form["status"], form["reason"]), certificate, caller.OrganizationId, clock.GetUtcNow(), errors);
        switch (outcome)
        {
            case CertificateRules.StatusOutcome.Changed:
                // Racing changes all read the old version; one is saved, the others meet the error page's 409.
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.LocalRedirect($"/portal/chung-nhan/{id}?xong=1");
            case CertificateRules.StatusOutcome.AlreadyInStatus:
                errors.Add("status", "chứng nhận đã ở trạng thái này", "the certificate already has this status");
                break;
            case CertificateRules.StatusOutcome.RevokedIsFinal:
                errors.Add("status", "chứng nhận đã bị thu hồi; không thể đổi nữa", "the certificate is revoked; it cannot change any more");
                break;
        }

        return await PageAsync(certificate, caller, db, clock, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    private static async Task<RazorComponentResult<CertificatePage>> PageAsync(
        Certificate certificate, Caller caller, TraceDb db, TimeProvider clock, FieldErrors? errors, string? notice, int status, CancellationToken cancellationToken)
    {
        var holder = await db.Organizations.Where(o => o.Id == certificate.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        return new(new
        {
            Certificate = certificate, Holder = holder, Today = clock.TodayInVietnam(), CanChangeStatus = caller.SeesAll, Errors = errors, Notice = notice,
        }) { StatusCode = status };
    }

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        Portal.PortalAnswers.NotFound("Không có chứng nhận này.", "There is no such certificate.", "/portal/chung-nhan");
}
