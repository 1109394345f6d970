using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Organizations;

public sealed record AddressDto(string? Street, string? Commune, string? Province);

public sealed record ContactDto(string? Phone, string? Email);

public sealed record OrganizationRequest(
    string? Name, string? TaxCode, string? Kind, string? Gs1CompanyPrefix, string? Gln, AddressDto? Address, ContactDto? Contact);

public sealed record OrganizationResponse(
    Guid Id, string Name, string TaxCode, OrganizationKind Kind, string? Gs1CompanyPrefix, string? Gln,
    AddressDto Address, ContactDto Contact, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    OrganizationStatus Status, DateTimeOffset? SuspendedAt, string? SuspensionReason);

public static class OrganizationsApi
{
    public static RouteGroupBuilder MapOrganizations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/organizations").WithTags("Organizations").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).RequireAuthorization(Roles.Admin).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateOrganization").WithSummary("Register a producer, cooperative, household or authority");
        group.MapGet("/", List).RequireAuthorization(Roles.Oversight).WithName("ListOrganizations").WithSummary("List organizations");
        group.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetOrganization").WithSummary("Get an organization");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateOrganization").WithSummary("Replace an organization's details");
        group.MapPost("/{id:guid}/status", ChangeStatus).RequireAuthorization(Roles.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ChangeOrganizationStatus")
            .WithSummary("Suspend an organization (its people cannot sign in, its tokens are refused) or reinstate it, with the reason; decided once when requests race");
        group.MapTokens();
        return group;
    }

    private static async Task<Results<Created<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> Create(
        OrganizationRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var organization = new Organization { Id = Guid.CreateVersion7(now), Name = "", TaxCode = "", Commune = "", Province = "", CreatedAt = now };
        var errors = new FieldErrors();
        if (!OrganizationRules.Apply(request, organization, now, errors))
        {
            return errors.Problem();
        }

        if (await db.Organizations.AnyAsync(o => o.TaxCode == organization.TaxCode, cancellationToken))
        {
            return TaxCodeTaken(organization.TaxCode);
        }

        db.Organizations.Add(organization);
        return await db.TrySaveUniqueAsync(cancellationToken)
            ? TypedResults.Created($"/api/v1/organizations/{organization.Id}", organization.ToResponse())
            : TaxCodeTaken(organization.TaxCode);
    }

    private static async Task<Results<Ok<PagedList<OrganizationResponse>>, ValidationProblem>> List(
        [AsParameters] Paging paging, TraceDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        if (errors.Any)
        {
            return errors.Problem();
        }

        return TypedResults.Ok(await paging.ToPageAsync(db.Organizations.AsNoTracking().OrderBy(o => o.Id), OrganizationMapping.ToResponse, cancellationToken));
    }

    private static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var organization = caller.CanSee(id) ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) : null;
        return organization is null ? Problems.NotFound(RecordKind.Organization, id) : TypedResults.Ok(organization.ToResponse());
    }

    private static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, OrganizationRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return Problems.NotFound(RecordKind.Organization, id);
        }

        var errors = new FieldErrors();
        if (!OrganizationRules.Apply(request, organization, clock.GetUtcNow(), errors))
        {
            return errors.Problem();
        }

        if (await db.Organizations.AnyAsync(o => o.TaxCode == organization.TaxCode && o.Id != id, cancellationToken))
        {
            return TaxCodeTaken(organization.TaxCode);
        }

        return await db.TrySaveUniqueAsync(cancellationToken) ? TypedResults.Ok(organization.ToResponse()) : TaxCodeTaken(organization.TaxCode);
    }

    private static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, StatusRequest request, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return Problems.NotFound(RecordKind.Organization, id);
        }

        var errors = new FieldErrors();
        switch (OrganizationRules.ChangeStatus(request, organization, caller.OrganizationId, clock.GetUtcNow(), errors))
        {
            case OrganizationRules.StatusOutcome.Invalid:
                return errors.Problem();
            case OrganizationRules.StatusOutcome.AlreadyInStatus:
                return Problems.Conflict(organization.IsSuspended ? "Tổ chức đã đang bị tạm dừng." : "Tổ chức đang hoạt động.",
                    organization.IsSuspended ? "The organization is already suspended." : "The organization is already active.");
            case OrganizationRules.StatusOutcome.OwnOrganization:
                return Problems.Conflict("Không thể tạm dừng tổ chức của chính bạn: không ai mở lại được cho bạn.",
                    "You cannot suspend your own organization: no one could reinstate it for you.");
        }

        // Racing requests all read the old version; its concurrency token lets one write and the rest get a 409.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(organization.ToResponse());
    }

    private static ProblemHttpResult TaxCodeTaken(string taxCode) =>
        Problems.Conflict($"Mã số thuế {taxCode} đã được đăng ký cho một tổ chức khác.", $"Tax code {taxCode} is already registered to another organization.");
}

public static class OrganizationMapping
{
    public static OrganizationResponse ToResponse(this Organization o) => new(
        o.Id, o.Name, o.TaxCode, o.Kind, o.Gs1CompanyPrefix, o.Gln,
        new AddressDto(o.Street, o.Commune, o.Province), new ContactDto(o.ContactPhone, o.ContactEmail), o.CreatedAt, o.UpdatedAt,
        o.IsSuspended ? OrganizationStatus.Suspended : OrganizationStatus.Active, o.SuspendedAt, o.IsSuspended ? o.StatusReason : null);
}
