using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations;

namespace NangSuat.Trace.Api.CertificationBodies;

public sealed record RegistryStatusChangeResponse(RegistryStatus From, RegistryStatus To, string Reason, DateTimeOffset ChangedAt);

public sealed record DesignationResponse(
    Guid Id, Guid BodyId, string Authority, string DecisionNumber, DateOnly DecisionDate, IReadOnlyList<string> Standards, IReadOnlyList<string> Scopes,
    DateOnly ValidFrom, DateOnly? ValidTo, bool InForce, RegistryStatus Status, string? StatusReason, IReadOnlyList<RegistryStatusChangeResponse> History);

public sealed record CertificationBodyResponse(
    Guid Id, string Name, string Code, string TaxCode, string Address, ContactDto Contact, RegistryStatus Status, string? StatusReason,
    IReadOnlyList<DesignationResponse> Designations, IReadOnlyList<RegistryStatusChangeResponse> History, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The filters of the body list, all optional.</summary>
public sealed record CertificationBodyQuery([FromQuery(Name = "q")] string? Q, [FromQuery] string? Status, [FromQuery] string? Standard);

/// <summary>
/// The registry of certification bodies and their designations. Inspectors and administrators keep
/// it; producers read it to name the body of a certificate.
/// </summary>
public static class CertificationBodiesApi
{
    private static readonly ILookup<Guid, RegistryStatusChange> NoHistory = Array.Empty<RegistryStatusChange>().ToLookup(h => h.SubjectId);

    public static RouteGroupBuilder MapCertificationBodies(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/certification-bodies").WithTags("Certification bodies").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListCertificationBodies").WithSummary("Certification bodies, by name; filter by text, status and a standard they are designated for");
        group.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCertificationBody").WithSummary("A body with its designations and the status history of each");

        var keep = group.MapGroup("").RequireAuthorization(Roles.Oversight).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        keep.MapPost("/", Create).WithName("CreateCertificationBody").WithSummary("Register a certification body (name, code, taxCode, address, contact)");
        keep.MapPut("/{id:guid}", Update).WithName("UpdateCertificationBody").WithSummary("Correct a body's details; its status changes through /status");
        keep.MapPost("/{id:guid}/status", ChangeStatus).WithName("ChangeCertificationBodyStatus")
            .WithSummary("Suspend, revoke or reinstate a body, with the reason; decided once when requests race");
        keep.MapPost("/{id:guid}/designations", AddDesignation).WithName("AddDesignation")
            .WithSummary("Record a designation or accreditation: authority, decision number and date, standards, product groups, validity");
        keep.MapPut("/{id:guid}/designations/{designationId:guid}", UpdateDesignation).WithName("UpdateDesignation").WithSummary("Correct a designation's details");
        keep.MapPost("/{id:guid}/designations/{designationId:guid}/status", ChangeDesignationStatus).WithName("ChangeDesignationStatus")
            .WithSummary("Suspend, revoke or reinstate a designation, with the reason");
        return group;
    }

    private static async Task<Results<Ok<PagedList<CertificationBodyResponse>>, ValidationProblem>> List(
        [AsParameters] CertificationBodyQuery filter, [AsParameters] Paging paging, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        var status = errors.OneOf<RegistryStatus>("status", filter.Status, required: false);
        var standard = errors.OneOf<Certificates.CertificateType>("standard", filter.Standard, required: false);
        var text = errors.Optional("q", filter.Q, 100);
        if (errors.Any)
        {
            return errors.Problem();
        }

        var query = db.CertificationBodies.AsNoTracking();
        if (text is not null)
        {
            // Every word, in any order: "chung nhan tay bac" finds "Trung tâm Chứng nhận VietGAP Tây Bắc".
            foreach (var word in SearchText.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                query = query.Where(b => EF.Property<string>(b, ISearchable.KeyProperty).Contains(word));
            }
        }

        if (status is { } wanted)
        {
            query = query.Where(b => b.Status == wanted);
        }

        var ordered = query.Include(b => b.Designations).OrderBy(b => b.Name).ThenBy(b => b.Id);
        PagedList<CertificationBody> page;
        if (standard is { } covered)
        {
            // Standards are a JSON list in one column; a province's registry holds tens of bodies, so they are sifted here.
            var matching = (await ordered.ToListAsync(cancellationToken)).Where(b => b.Designations.Any(d => d.Covers(covered))).ToList();
            page = new([.. matching.Skip((paging.Number - 1) * paging.Size).Take(paging.Size)], paging.Number, paging.Size, matching.Count);
        }
        else
        {
            page = await paging.ToPageAsync(ordered, b => b, cancellationToken);
        }

        var history = await HistoryAsync(db, page.Items, cancellationToken);
        var today = clock.TodayInVietnam();
        return TypedResults.Ok(new PagedList<CertificationBodyResponse>([.. page.Items.Select(b => b.ToResponse(history, today))], page.Page, page.PageSize, page.Total));
    }

    private static async Task<Results<Ok<CertificationBodyResponse>, ProblemHttpResult>> Get(Guid id, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.AsNoTracking().Include(b => b.Designations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null ? NotFound(id) : TypedResults.Ok(body.ToResponse(await HistoryAsync(db, [body], cancellationToken), clock.TodayInVietnam()));
    }

    private static async Task<Results<Created<CertificationBodyResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CertificationBodyRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var body = new CertificationBody { Id = Guid.CreateVersion7(now), Name = "", Code = "", TaxCode = "", Address = "", Status = RegistryStatus.Active, CreatedAt = now };
        var errors = new FieldErrors();
        if (!CertificationBodyRules.Apply(request, body, now, errors))
        {
            return errors.Problem();
        }

        if (await CertificationBodyRules.CodeTakenAsync(db, body, cancellationToken))
        {
            return DuplicateCode(body.Code);
        }

        db.CertificationBodies.Add(body);
        return await db.TrySaveUniqueAsync(cancellationToken)
            ? TypedResults.Created($"/api/v1/certification-bodies/{body.Id}", body.ToResponse(NoHistory, clock.TodayInVietnam()))
            : DuplicateCode(body.Code);
    }

    private static async Task<Results<Ok<CertificationBodyResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, CertificationBodyRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.Include(b => b.Designations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return NotFound(id);
        }

        var errors = new FieldErrors();
        if (!CertificationBodyRules.Apply(request, body, clock.GetUtcNow(), errors))
        {
            return errors.Problem();
        }

        if (await CertificationBodyRules.CodeTakenAsync(db, body, cancellationToken))
        {
            return DuplicateCode(body.Code);
        }

        return await db.TrySaveUniqueAsync(cancellationToken)
            ? TypedResults.Ok(body.ToResponse(await HistoryAsync(db, [body], cancellationToken), clock.TodayInVietnam()))
            : DuplicateCode(body.Code);
    }

    private static async Task<Results<Ok<CertificationBodyResponse>, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, StatusRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.Include(b => b.Designations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null ? NotFound(id) : await ChangeAsync(request, body, body, caller, db, clock, cancellationToken);
    }

    private static async Task<Results<Created<DesignationResponse>, ValidationProblem, ProblemHttpResult>> AddDesignation(
        Guid id, DesignationRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.CertificationBodies.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var now = clock.GetUtcNow();
        var designation = new Designation { Id = Guid.CreateVersion7(now), BodyId = id, Authority = "", DecisionNumber = "", Status = RegistryStatus.Active, CreatedAt = now };
        var errors = new FieldErrors();
        if (!CertificationBodyRules.Apply(request, designation, now, errors))
        {
            return errors.Problem();
        }

        if (await DecisionTakenAsync(db, designation, cancellationToken))
        {
            return DuplicateDecision(designation.DecisionNumber);
        }

        db.Designations.Add(designation);
        return await db.TrySaveUniqueAsync(cancellationToken)
            ? TypedResults.Created($"/api/v1/certification-bodies/{id}/designations/{designation.Id}", designation.ToResponse([], clock.TodayInVietnam()))
            : DuplicateDecision(designation.DecisionNumber);
    }

    private static async Task<Results<Ok<DesignationResponse>, ValidationProblem, ProblemHttpResult>> UpdateDesignation(
        Guid id, Guid designationId, DesignationRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var designation = await db.Designations.FirstOrDefaultAsync(d => d.Id == designationId && d.BodyId == id, cancellationToken);
        if (designation is null)
        {
            return DesignationNotFound(designationId);
        }

        var errors = new FieldErrors();
        if (!CertificationBodyRules.Apply(request, designation, clock.GetUtcNow(), errors))
        {
            return errors.Problem();
        }

        if (await DecisionTakenAsync(db, designation, cancellationToken))
        {
            return DuplicateDecision(designation.DecisionNumber);
        }

        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return DuplicateDecision(designation.DecisionNumber);
        }

        var history = await db.RegistryStatusChanges.AsNoTracking().Where(h => h.SubjectId == designationId).ToListAsync(cancellationToken);
        return TypedResults.Ok(designation.ToResponse(history, clock.TodayInVietnam()));
    }

    private static async Task<Results<Ok<DesignationResponse>, ValidationProblem, ProblemHttpResult>> ChangeDesignationStatus(
        Guid id, Guid designationId, StatusRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.CertificationBodies.Include(b => b.Designations).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body?.Designations.FirstOrDefault(d => d.Id == designationId) is not { } designation)
        {
            return DesignationNotFound(designationId);
        }

        var changed = await ChangeAsync(request, designation, body, caller, db, clock, cancellationToken);
        return changed.Result switch
        {
            Ok<CertificationBodyResponse> ok => TypedResults.Ok(ok.Value!.Designations.Single(d => d.Id == designationId)),
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("A status change answers with the body, a validation problem or a problem."),
        };
    }

    /// <summary>One way to change a status, for a body and for a designation: the rule, the history row and the save that races decide once.</summary>
    private static async Task<Results<Ok<CertificationBodyResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        StatusRequest request, IRegistryStanding subject, CertificationBody body, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (outcome, change) = CertificationBodyRules.ChangeStatus(request, subject, caller.OrganizationId, caller.AccountId, clock.GetUtcNow(), errors);
        switch (outcome)
        {
            case StatusOutcome.Invalid:
                return errors.Problem();
            case StatusOutcome.AlreadyInStatus:
                return Problems.Conflict($"Đã ở trạng thái {subject.Status.Display(Language.Vietnamese)}.", $"It is already {subject.Status.Display(Language.English)}.");
            case StatusOutcome.RevokedIsFinal:
                return Problems.Conflict("Đã bị thu hồi; không thể khôi phục hay đình chỉ lại. Hãy ghi nhận một quyết định mới.",
                    "A revocation is final; it cannot be reinstated or suspended. Record a new decision instead.");
        }

        db.RegistryStatusChanges.Add(change!);
        await db.SaveChangesAsync(cancellationToken); // the version token lets one of racing requests write; the others get 409
        return TypedResults.Ok(body.ToResponse(await HistoryAsync(db, [body], cancellationToken), clock.TodayInVietnam()));
    }

    private static async Task<ILookup<Guid, RegistryStatusChange>> HistoryAsync(TraceDb db, IReadOnlyList<CertificationBody> bodies, CancellationToken cancellationToken)
    {
        var subjects = bodies.SelectMany(b => b.Designations.Select(d => d.Id).Append(b.Id)).ToList();
        return (await db.RegistryStatusChanges.AsNoTracking().Where(h => subjects.Contains(h.SubjectId)).ToListAsync(cancellationToken)).ToLookup(h => h.SubjectId);
    }

    private static Task<bool> DecisionTakenAsync(TraceDb db, Designation designation, CancellationToken cancellationToken) =>
        db.Designations.AnyAsync(d => d.BodyId == designation.BodyId && d.DecisionNumber == designation.DecisionNumber && d.Id != designation.Id, cancellationToken);

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"Không có tổ chức chứng nhận {id}.", $"There is no certification body {id}.");

    private static ProblemHttpResult DesignationNotFound(Guid id) => Problems.NotFound($"Tổ chức chứng nhận này không có quyết định chỉ định {id}.", $"This certification body has no designation {id}.");

    private static ProblemHttpResult DuplicateCode(string code) =>
        Problems.Conflict($"Mã {code} đã thuộc về một tổ chức chứng nhận khác.", $"The code {code} already belongs to another certification body.");

    private static ProblemHttpResult DuplicateDecision(string number) =>
        Problems.Conflict($"Tổ chức này đã có quyết định số {number}.", $"This body already has decision {number}.");
}

public static class CertificationBodyMapping
{
    public static CertificationBodyResponse ToResponse(this CertificationBody b, ILookup<Guid, RegistryStatusChange> history, DateOnly today) => new(
        b.Id, b.Name, b.Code, b.TaxCode, b.Address, new ContactDto(b.ContactPhone, b.ContactEmail), b.Status, b.StatusReason,
        [.. b.Designations.OrderBy(d => d.ValidFrom).ThenBy(d => d.Id).Select(d => d.ToResponse(history[d.Id], today))],
        History(history[b.Id]), b.CreatedAt, b.UpdatedAt);

    public static DesignationResponse ToResponse(this Designation d, IEnumerable<RegistryStatusChange> history, DateOnly today) => new(
        d.Id, d.BodyId, d.Authority, d.DecisionNumber, d.DecisionDate, [.. d.Standards], [.. d.Scopes], d.ValidFrom, d.ValidTo,
        d.Status == RegistryStatus.Active && d.InForceOn(today), d.Status, d.StatusReason, History(history));

    private static List<RegistryStatusChangeResponse> History(IEnumerable<RegistryStatusChange> changes) =>
        [.. changes.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => new RegistryStatusChangeResponse(h.From, h.To, h.Reason, h.ChangedAt))];
}
