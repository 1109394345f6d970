using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.CertificationBodies.Pages;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.Portal;

namespace NangSuat.Trace.Api.CertificationBodies;

/// <summary>
/// The registry of certification bodies in the portal: everyone signed in reads it (a producer names
/// the body of a certificate from it); inspectors and administrators keep it with the rules the API uses.
/// </summary>
public static class CertificationBodyPages
{
    public const string Path = "/portal/to-chuc-chung-nhan";

    public static void MapCertificationBodyPages(this RouteGroupBuilder signedIn)
    {
        var read = signedIn.MapGroup("/to-chuc-chung-nhan");
        read.MapGet("/", List);
        read.MapGet("/{id:guid}", Show);
        var keep = signedIn.MapGroup("/to-chuc-chung-nhan").RequireAuthorization(PortalSession.Oversight);
        keep.MapGet("/moi", () => new RazorComponentResult<CertificationBodyFormPage>(new { }));
        keep.MapPost("/moi", Create);
        keep.MapGet("/{id:guid}/sua", EditForm);
        keep.MapPost("/{id:guid}/sua", Edit);
        keep.MapPost("/{id:guid}/trang-thai", ChangeStatus);
        keep.MapPost("/{id:guid}/quyet-dinh", AddDesignation);
        keep.MapPost("/{id:guid}/quyet-dinh/{designationId:guid}/trang-thai", ChangeDesignationStatus);
        new CertificationBodyImport().Map(keep.MapGroup("/nhap"));
    }

    private static async Task<RazorComponentResult<CertificationBodyListPage>> List(
        string? q, [FromQuery(Name = "xong")] string? done, [FromQuery(Name = "so")] int? imported, [FromQuery(Name = "trang")] int? page,
        Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = db.CertificationBodies.AsNoTracking();
        var text = ListPage.Query(q);
        foreach (var word in SearchText.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            query = query.Where(b => EF.Property<string>(b, ISearchable.KeyProperty).Contains(word));
        }

        var list = await ListPage.OfAsync(query, page, cancellationToken);
        var items = await query.Include(b => b.Designations).OrderBy(b => b.Name).ThenBy(b => b.Id).Skip(list.Skip).Take(ListPage.Size).ToListAsync(cancellationToken);
        return new(new
        {
            Items = items, Query = text, Total = list.Total, Page = list.Number, Pages = list.Pages, Today = clock.TodayInVietnam(), CanKeep = caller.SeesAll,
            Notice = done == "nhap" ? Language.Pick($"Đã ghi {imported:N0} dòng vào danh sách.", $"{imported:N0} rows were written to the registry.") : null,
        });
    }

    private static async Task<IResult> Show(Guid id, [FromQuery(Name = "xong")] string? done, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.AsNoTracking().Include(b => b.Designations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null ? NotFound() : await PageAsync(body, caller, db, clock, null, null, done switch
        {
            "tao" => Language.Pick("Đã lưu tổ chức chứng nhận. Ghi quyết định chỉ định của tổ chức bên dưới.", "The body is saved. Record its designation below."),
            "sua" => Language.Pick("Đã lưu thay đổi.", "The changes are saved."),
            "trang-thai" => Language.Pick("Đã đổi trạng thái; lý do được lưu trong lịch sử.", "The status is changed; the reason is kept in the history."),
            "quyet-dinh" => Language.Pick("Đã ghi quyết định chỉ định.", "The designation is recorded."),
            _ => null,
        }, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> PageAsync(
        CertificationBody body, Caller caller, TraceDb db, TimeProvider clock, FieldErrors? errors, DesignationRequest? designationForm, string? notice, int status,
        CancellationToken cancellationToken)
    {
        var subjects = body.Designations.Select(d => d.Id).Append(body.Id).ToList();
        var history = await db.RegistryStatusChanges.AsNoTracking().Where(h => subjects.Contains(h.SubjectId)).OrderBy(h => h.ChangedAt).ToListAsync(cancellationToken);
        return new RazorComponentResult<CertificationBodyPage>(new
        {
            Body = body, History = history, Today = clock.TodayInVietnam(), CanKeep = caller.SeesAll, Errors = errors, DesignationForm = designationForm, Notice = notice,
        }) { StatusCode = status };
    }

    private static async Task<IResult> Create(HttpContext context, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = BodyRequest(await context.Request.ReadFormAsync(cancellationToken));
        var now = clock.GetUtcNow();
        var body = new CertificationBody { Id = Guid.CreateVersion7(now), Name = "", Code = "", TaxCode = "", Address = "", Status = RegistryStatus.Active, CreatedAt = now };
        var errors = new FieldErrors();
        if (CertificationBodyRules.Apply(request, body, now, errors) && !await CodeTakenAsync(db, body, errors, cancellationToken))
        {
            db.CertificationBodies.Add(body);
            if (await db.TrySaveUniqueAsync(cancellationToken))
            {
                return TypedResults.LocalRedirect($"{Path}/{body.Id}?xong=tao");
            }

            CodeTaken(errors);
        }

        return new RazorComponentResult<CertificationBodyFormPage>(new { Form = request, Errors = errors }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
    }

    private static async Task<IResult> EditForm(Guid id, TraceDb db, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null ? NotFound() : new RazorComponentResult<CertificationBodyFormPage>(new
        {
            BodyId = id, Version = body.Version,
            Form = new CertificationBodyRequest(body.Name, body.Code, body.TaxCode, System.Text.Json.JsonSerializer.SerializeToElement(body.Address), new ContactDto(body.ContactPhone, body.ContactEmail)),
        });
    }

    private static async Task<IResult> Edit(Guid id, HttpContext context, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var request = BodyRequest(form);
        var errors = new FieldErrors();
        if (int.TryParse(form["version"], out var version) && version != body.Version)
        {
            // Another inspector saved since this form was opened: their change is not overwritten unseen.
            errors.Add("name", "tổ chức này vừa được người khác sửa; hãy tải lại trang và sửa lại", "someone else changed this body meanwhile; reload the page and edit again");
        }
        else if (CertificationBodyRules.Apply(request, body, clock.GetUtcNow(), errors) && !await CodeTakenAsync(db, body, errors, cancellationToken))
        {
            if (await db.TrySaveUniqueAsync(cancellationToken))
            {
                return TypedResults.LocalRedirect($"{Path}/{id}?xong=sua");
            }

            CodeTaken(errors);
        }

        return new RazorComponentResult<CertificationBodyFormPage>(new { BodyId = id, Version = body.Version, Form = request, Errors = errors })
        {
            StatusCode = errors.All.ContainsKey("name") && version != body.Version ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
        };
    }

    private static async Task<IResult> ChangeStatus(Guid id, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.Include(b => b.Designations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null ? NotFound() : await ChangeAsync(body, body, context, caller, db, clock, cancellationToken);
    }

    private static async Task<IResult> ChangeDesignationStatus(Guid id, Guid designationId, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.Include(b => b.Designations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body?.Designations.FirstOrDefault(d => d.Id == designationId) is { } designation
            ? await ChangeAsync(designation, body, context, caller, db, clock, cancellationToken)
            : NotFound();
    }

    private static async Task<IResult> ChangeAsync(IRegistryStanding subject, CertificationBody body, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var (outcome, change) = CertificationBodyRules.ChangeStatus(new StatusRequest(form["status"], form["reason"]), subject, caller.OrganizationId, caller.AccountId, clock.GetUtcNow(), errors);
        switch (outcome)
        {
            case StatusOutcome.Changed:
                db.RegistryStatusChanges.Add(change!);
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.LocalRedirect($"{Path}/{body.Id}?xong=trang-thai");
            case StatusOutcome.AlreadyInStatus:
                return TypedResults.LocalRedirect($"{Path}/{body.Id}?xong=trang-thai"); // a second click, or a colleague's: already so
            case StatusOutcome.RevokedIsFinal:
                errors.Add("status", "đã bị thu hồi; không thể khôi phục hay đình chỉ lại", "already revoked; it cannot be reinstated or suspended");
                return await PageAsync(body, caller, db, clock, errors, null, null, StatusCodes.Status409Conflict, cancellationToken);
            default:
                return await PageAsync(body, caller, db, clock, errors, null, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
    }

    private static async Task<IResult> AddDesignation(Guid id, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.AsNoTracking().Include(b => b.Designations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var request = new DesignationRequest(form["authority"], form["decisionNumber"], FormValues.Date(errors, "decisionDate", form["decisionDate"]),
            [.. form["standards"].OfType<string>()], [.. form["scopes"].OfType<string>()],
            FormValues.Date(errors, "validFrom", form["validFrom"]), FormValues.Date(errors, "validTo", form["validTo"]));
        var now = clock.GetUtcNow();
        var designation = new Designation { Id = Guid.CreateVersion7(now), BodyId = id, Authority = "", DecisionNumber = "", Status = RegistryStatus.Active, CreatedAt = now };
        var datesRead = !errors.Any;
        if (CertificationBodyRules.Apply(request, designation, now, errors) && datesRead)
        {
            if (body.Designations.Any(d => d.DecisionNumber == designation.DecisionNumber))
            {
                DecisionTaken(errors);
            }
            else
            {
                db.Designations.Add(designation);
                if (await db.TrySaveUniqueAsync(cancellationToken))
                {
                    return TypedResults.LocalRedirect($"{Path}/{id}?xong=quyet-dinh");
                }

                DecisionTaken(errors);
            }
        }

        return await PageAsync(body, caller, db, clock, errors, request, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    private static CertificationBodyRequest BodyRequest(IFormCollection form) =>
        new(form["name"], form["code"], form["taxCode"], System.Text.Json.JsonSerializer.SerializeToElement((string?)form["address"]), new ContactDto(form["contact.phone"], form["contact.email"]));

    private static async Task<bool> CodeTakenAsync(TraceDb db, CertificationBody body, FieldErrors errors, CancellationToken cancellationToken)
    {
        var taken = await CertificationBodyRules.CodeTakenAsync(db, body, cancellationToken);
        if (taken)
        {
            CodeTaken(errors);
        }

        return taken;
    }

    private static void CodeTaken(FieldErrors errors) => errors.Add("code", "mã này đã thuộc về một tổ chức chứng nhận khác", "this code already belongs to another certification body");

    private static void DecisionTaken(FieldErrors errors) => errors.Add("decisionNumber", "tổ chức này đã có quyết định số này", "this body already has a decision with this number");

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        PortalAnswers.NotFound("Không có tổ chức chứng nhận này.", "There is no such certification body.", Path);
}
