using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Certificates.Pages;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal;

namespace NangSuat.Trace.Api.Certificates;

/// <summary>Certificates in the portal: anyone signed in finds one by its number (a producer only its own); inspectors change its status with a reason.</summary>
public static class CertificatePages
{
    public static void MapCertificatePages(this RouteGroupBuilder signedIn)
    {
        var certificates = signedIn.MapGroup("/chung-nhan");
        certificates.MapGet("/", List);
        certificates.MapGet("/moi", NewForm).RequireAuthorization(PortalSession.Producers);
        certificates.MapPost("/moi", Create).RequireAuthorization(PortalSession.Producers);
        certificates.MapGet("/{id:guid}", Show);
        certificates.MapPost("/{id:guid}/trang-thai", ChangeStatus).RequireAuthorization(PortalSession.Oversight);
        certificates.MapPost("/{id:guid}/to-chuc-cap", LinkBody).RequireAuthorization(PortalSession.Oversight);
        certificates.MapGet("/{id:guid}/minh-chung", Evidence);
        certificates.MapPost("/{id:guid}/minh-chung", ReplaceEvidence).RequireAuthorization(PortalSession.Producers);
    }

    private static async Task<RazorComponentResult<CertificateListPage>> List(
        string? q, [FromQuery(Name = "trang")] int? page, [FromQuery(Name = OrganizationScope.Parameter)] string? organization,
        Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = await OrganizationScope.OfAsync(organization, caller, db, cancellationToken);
        var query = OrganizationScope.Visible(db.Certificates.AsNoTracking(), caller, scope);

        var text = Portal.ListPage.Query(q);
        if (text is not null)
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(c => c.Number.ToUpper().Contains(upper));
        }

        var list = await Portal.ListPage.OfAsync(query, page, cancellationToken);
        var rows = await query.OrderBy(c => c.ValidTo).ThenBy(c => c.Id).Skip(list.Skip).Take(Portal.ListPage.Size)
            .Select(c => new { Certificate = c, Holder = c.Organization!.Name })
            .ToListAsync(cancellationToken);
        return new(new
        {
            Items = rows.Select(r => new CertificateListPage.Row(r.Certificate, r.Holder)).ToList(),
            Query = text, Total = list.Total, Page = list.Number, Pages = list.Pages, Today = clock.TodayInVietnam(), CanAdd = caller.Role == Roles.Producer, Scope = scope,
        });
    }

    private static Task<RazorComponentResult<CertificateFormPage>> NewForm(Caller caller, TraceDb db, CancellationToken cancellationToken) =>
        FormAsync(null, null, StatusCodes.Status200OK, caller, db, cancellationToken);

    private static async Task<IResult> Create(HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var stars = form["ocopStars"].ToString();
        var request = new CertificateRequest(form["type"], form["number"], form["issuer"],
            FormValues.Date(errors, "validFrom", form["validFrom"]), FormValues.Date(errors, "validTo", form["validTo"]),
            FormValues.Choice(errors, "productId", form["productId"]), FormValues.Choice(errors, "productionAreaId", form["productionAreaId"]),
            BodyId: FormValues.Choice(errors, "bodyId", form["bodyId"]), IssuedOn: FormValues.Date(errors, "issuedOn", form["issuedOn"]),
            Scope: new CertificateScope(null, [.. form["scope.productGroups"].OfType<string>()], null),
            OcopStars: int.TryParse(stars, out var rated) ? rated : stars.Length > 0 ? -1 : null);
        var now = clock.GetUtcNow();
        var unreadableDates = errors.Any;
        var evidence = await EvidenceUpload.ReadAsync(form, errors, cancellationToken);
        var certificate = new Certificate { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, Number = "", Issuer = "", Status = CertificateStatus.Active, CreatedAt = now };
        if (!unreadableDates && await CertificateRules.ApplyAsync(request, certificate, db, now, errors, cancellationToken) && !errors.Any)
        {
            db.Certificates.Add(certificate);
            if (evidence is { } file)
            {
                await EvidenceUpload.KeepAsync(db, certificate.Id, form.Files.GetFile(EvidenceUpload.Field)?.FileName, file, now, cancellationToken);
            }

            if (await db.TrySaveUniqueAsync(cancellationToken))
            {
                return TypedResults.LocalRedirect($"/portal/chung-nhan/{certificate.Id}?xong=tao");
            }

            errors.Add("number", "tổ chức cấp này đã có một chứng nhận cùng loại mang số này", "this issuer already has a certificate of this type with this number");
        }

        return await FormAsync(request, errors, StatusCodes.Status422UnprocessableEntity, caller, db, cancellationToken);
    }

    private static async Task<RazorComponentResult<CertificateFormPage>> FormAsync(
        CertificateRequest? request, FieldErrors? errors, int status, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var products = (await db.Products.AsNoTracking().Where(p => p.OrganizationId == caller.OrganizationId).OrderBy(p => p.NameVi)
            .Select(p => new { p.Id, p.NameVi }).ToListAsync(cancellationToken)).Select(p => (p.Id, p.NameVi)).ToList();
        var areas = (await db.ProductionAreas.AsNoTracking().Where(a => a.OrganizationId == caller.OrganizationId).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken)).Select(a => (a.Id, a.Name)).ToList();
        // The registry's active bodies, to choose from; a body not in it is typed as text and shown as such.
        var bodies = (await db.CertificationBodies.AsNoTracking().Where(b => b.Status == CertificationBodies.RegistryStatus.Active).OrderBy(b => b.Name)
            .Select(b => new { b.Id, b.Name, b.Code }).ToListAsync(cancellationToken)).Select(b => (b.Id, $"{b.Name} ({b.Code})")).ToList();
        return new(new { Products = products, Areas = areas, Bodies = bodies, Form = request, Errors = errors }) { StatusCode = status };
    }

    private static async Task<IResult> Show(Guid id, [FromQuery(Name = "xong")] string? done, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().Include(c => c.History)
            .FirstOrDefaultAsync(c => c.Id == id && (caller.SeesAll || c.OrganizationId == caller.OrganizationId), cancellationToken);
        return certificate is null
            ? NotFound()
            : await PageAsync(certificate, caller, db, clock, null,
                done switch
                {
                    "1" => Language.Pick("Đã lưu trạng thái. Trang công khai hiện ngay từ lần quét tiếp theo.", "The status is saved. The public page shows it from the next scan."),
                    "minh-chung" => Language.Pick("Đã lưu bản quét giấy chứng nhận.", "The scan of the paper certificate is saved."),
                    "to-chuc-cap" => Language.Pick("Đã gắn chứng nhận với tổ chức cấp trong danh sách; chuỗi chứng nhận được kiểm tra lại bên dưới.", "The certificate is linked to its body in the registry; its chain is checked again below."),
                    "tao" => Language.Pick("Đã lưu chứng nhận. Trang công khai của sản phẩm và lô hiện chứng nhận này.", "The certificate is saved. The product's and lots' public pages show it."),
                    _ => null,
                },
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
            case StatusOutcome.Changed:
                // Racing changes all read the old version; one is saved, the others meet the error page's 409.
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.LocalRedirect($"/portal/chung-nhan/{id}?xong=1");
            case StatusOutcome.AlreadyInStatus:
                errors.Add("status", "chứng nhận đã ở trạng thái này", "the certificate already has this status");
                break;
            case StatusOutcome.RevokedIsFinal:
                errors.Add("status", "chứng nhận đã bị thu hồi; không thể đổi nữa", "the certificate is revoked; it cannot change any more");
                break;
        }

        return await PageAsync(certificate, caller, db, clock, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    /// <summary>An inspector links a certificate whose issuer was typed as text to its body in the registry.</summary>
    private static async Task<IResult> LinkBody(Guid id, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        if (FormValues.Choice(errors, "bodyId", form["bodyId"]) is { } bodyId && await db.CertificationBodies.AnyAsync(b => b.Id == bodyId, cancellationToken))
        {
            (certificate.BodyId, certificate.UpdatedAt) = (bodyId, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.LocalRedirect($"/portal/chung-nhan/{id}?xong=to-chuc-cap");
        }

        if (!errors.Any)
        {
            errors.Add("bodyId", "chọn một tổ chức chứng nhận có trong danh sách", "choose a certification body from the registry");
        }

        return await PageAsync(certificate, caller, db, clock, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    private static async Task<IResult> Evidence(Guid id, HttpContext context, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var evidence = await db.CertificateEvidence.AsNoTracking()
            .Where(e => e.CertificateId == id && db.Certificates.Any(c => c.Id == id && (caller.SeesAll || c.OrganizationId == caller.OrganizationId)))
            .FirstOrDefaultAsync(cancellationToken);
        if (evidence is null)
        {
            return NotFound();
        }

        // Someone else's upload, opened on an official's computer: never sniffed into something else, never run as a page.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; sandbox";
        var image = evidence.ContentType != UploadedFiles.Pdf;
        return TypedResults.File(evidence.Bytes, evidence.ContentType, image ? null : evidence.FileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{evidence.Sha256[..16]}\""));
    }

    private static async Task<IResult> ReplaceEvidence(Guid id, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id && c.OrganizationId == caller.OrganizationId, cancellationToken);
        if (certificate is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var file = await EvidenceUpload.ReadAsync(form, errors, cancellationToken);
        if (file is null && !errors.Any)
        {
            errors.Add(EvidenceUpload.Field, "hãy chọn tệp PDF hoặc ảnh của giấy chứng nhận", "choose a PDF or a photo of the paper certificate");
        }

        if (errors.Any)
        {
            return await PageAsync(certificate, caller, db, clock, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        await EvidenceUpload.KeepAsync(db, id, form.Files.GetFile(EvidenceUpload.Field)?.FileName, file!.Value, clock.GetUtcNow(), cancellationToken);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            // Two first uploads raced: the other one is kept, and this person is told rather than shown a fault.
            errors.Add(EvidenceUpload.Field, "một bản quét khác vừa được tải lên; hãy xem lại rồi tải lại nếu cần", "another scan was just uploaded; look at it and upload again if needed");
            return await PageAsync(certificate, caller, db, clock, errors, null, StatusCodes.Status409Conflict, cancellationToken);
        }

        return TypedResults.LocalRedirect($"/portal/chung-nhan/{id}?xong=minh-chung");
    }

    private static async Task<RazorComponentResult<CertificatePage>> PageAsync(
        Certificate certificate, Caller caller, TraceDb db, TimeProvider clock, FieldErrors? errors, string? notice, int status, CancellationToken cancellationToken)
    {
        var holder = await db.Organizations.Where(o => o.Id == certificate.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var evidence = await db.CertificateEvidence.AsNoTracking().Where(e => e.CertificateId == certificate.Id)
            .Select(e => new CertificatePage.EvidenceFile(e.FileName, e.ContentType, e.Bytes.Length, e.UploadedAt)).FirstOrDefaultAsync(cancellationToken);
        var today = clock.TodayInVietnam();
        var chain = await CertificateVerification.VerifyAsync(db, [certificate], null, today, cancellationToken);
        var body = certificate.BodyId is { } bodyId ? await db.CertificationBodies.AsNoTracking().Where(b => b.Id == bodyId).Select(b => b.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var bodies = caller.SeesAll && certificate.BodyId is null
            ? (await db.CertificationBodies.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Id, b.Name, b.Code }).ToListAsync(cancellationToken)).Select(b => (b.Id, $"{b.Name} ({b.Code})")).ToList()
            : [];
        return new(new
        {
            Certificate = certificate, Holder = holder, Today = today, CanChangeStatus = caller.SeesAll, Errors = errors, Notice = notice,
            Evidence = evidence, CanUpload = caller.Role == Roles.Producer, Chain = chain, BodyName = body, Bodies = bodies,
        }) { StatusCode = status };
    }

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        Portal.PortalAnswers.NotFound("Không có chứng nhận này.", "There is no such certificate.", "/portal/chung-nhan");
}
