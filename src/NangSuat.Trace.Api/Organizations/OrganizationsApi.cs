using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Organizations;

public sealed record AddressDto(string? Street, string? Commune, string? Province);

public sealed record ContactDto(string? Phone, string? Email);

public sealed record OrganizationRequest(
    string? Name, string? TaxCode, string? Kind, string? Gs1CompanyPrefix, string? Gln, AddressDto? Address, ContactDto? Contact);

public sealed record OrganizationResponse(
    Guid Id, string Name, string TaxCode, string Kind, string? Gs1CompanyPrefix, string? Gln,
    AddressDto Address, ContactDto Contact, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record TokenRequest(string? Role);

public sealed record TokenResponse(Guid Id, string Token, string Role, Guid OrganizationId);

public static class OrganizationsApi
{
    public static RouteGroupBuilder MapOrganizations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/organizations").WithTags("Organizations").RequireAuthorization(Roles.AnyReader);
        group.MapPost("/", Create).RequireAuthorization(Roles.Admin).WithSummary("Register a producer, cooperative, household or authority");
        group.MapGet("/", List).RequireAuthorization(Roles.Oversight).WithSummary("List organizations");
        group.MapGet("/{id:guid}", Get).WithSummary("Get an organization");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Roles.Admin).WithSummary("Replace an organization's details");
        group.MapPost("/{id:guid}/tokens", IssueToken).RequireAuthorization(Roles.Admin)
            .WithSummary("Issue an access token (shown once) for a producer or an inspector of the organization");
        group.MapDelete("/{id:guid}/tokens/{tokenId:guid}", RevokeToken).RequireAuthorization(Roles.Admin)
            .WithSummary("Revoke a token at once (a lost phone, someone who left)");
        return group;
    }

    private static async Task<Results<Created<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> Create(
        OrganizationRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var organization = new Organization { Id = Guid.CreateVersion7(now), Name = "", TaxCode = "", Commune = "", Province = "", CreatedAt = now };
        if (Apply(request, organization, now) is { } invalid)
        {
            return invalid;
        }

        if (await db.Organizations.AnyAsync(o => o.TaxCode == organization.TaxCode, cancellationToken))
        {
            return TaxCodeTaken(organization.TaxCode);
        }

        db.Organizations.Add(organization);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return TaxCodeTaken(organization.TaxCode);
        }

        return TypedResults.Created($"/api/v1/organizations/{organization.Id}", organization.ToResponse());
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
        return organization is null ? NotFound(id) : TypedResults.Ok(organization.ToResponse());
    }

    private static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, OrganizationRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return NotFound(id);
        }

        if (Apply(request, organization, clock.GetUtcNow()) is { } invalid)
        {
            return invalid;
        }

        if (await db.Organizations.AnyAsync(o => o.TaxCode == organization.TaxCode && o.Id != id, cancellationToken))
        {
            return TaxCodeTaken(organization.TaxCode);
        }

        return await db.TrySaveUniqueAsync(cancellationToken) ? TypedResults.Ok(organization.ToResponse()) : TaxCodeTaken(organization.TaxCode);
    }

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueToken(
        Guid id, TokenRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var role = errors.OneOf<TokenRole>("role", request.Role);
        if (errors.Any)
        {
            return errors.Problem();
        }

        if (!await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var secret = ApiToken.NewSecret();
        var now = clock.GetUtcNow();
        var token = new ApiToken { Id = Guid.CreateVersion7(now), OrganizationId = id, Role = role!.Value, Hash = ApiToken.HashOf(secret), CreatedAt = now };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{id}/tokens/{token.Id}",
            new TokenResponse(token.Id, secret, Json.CamelCase(token.Role.ToString()), id));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        Guid id, Guid tokenId, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.OrganizationId == id, cancellationToken);
        if (token is null)
        {
            return Problems.NotFound($"Tổ chức {id} không có mã truy cập {tokenId}.", $"Organization {id} has no token {tokenId}.");
        }

        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? Apply(OrganizationRequest request, Organization organization, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", request.Name);
        var taxCode = errors.Required("taxCode", request.TaxCode, 14);
        if (taxCode.Length > 0 && TaxCode.Problem(taxCode) is { } taxProblem)
        {
            errors.Add("taxCode", taxProblem.Vietnamese, taxProblem.English);
        }

        var kind = errors.OneOf<OrganizationKind>("kind", request.Kind);
        var prefix = request.Gs1CompanyPrefix is { Length: > 0 } ? errors.Gs1("gs1CompanyPrefix", Gs1Keys.CompanyPrefix(request.Gs1CompanyPrefix)) : null;
        var gln = request.Gln is { Length: > 0 } ? errors.Gs1("gln", Gs1Keys.Gln(request.Gln)) : null;
        if (request.Address is null)
        {
            errors.Add("address", "bắt buộc phải có địa chỉ (street, commune, province)", "an address (street, commune, province) is required");
        }

        var street = errors.Optional("address.street", request.Address?.Street);
        var commune = request.Address is null ? "" : errors.Required("address.commune", request.Address.Commune, 100);
        var province = request.Address is null ? "" : errors.Province("address.province", request.Address.Province);
        var phone = errors.Optional("contact.phone", request.Contact?.Phone, 30);
        var email = errors.Optional("contact.email", request.Contact?.Email, 200);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add("contact.email", "không phải địa chỉ email hợp lệ", "is not a valid email address");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        (organization.Name, organization.TaxCode, organization.Kind, organization.Gs1CompanyPrefix, organization.Gln) = (name, taxCode, kind!.Value, prefix, gln);
        (organization.Street, organization.Commune, organization.Province) = (street, commune, province);
        (organization.ContactPhone, organization.ContactEmail, organization.UpdatedAt) = (phone, email, now);
        return null;
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        Problems.NotFound($"Không có tổ chức {id}.", $"There is no organization {id}.");

    private static ProblemHttpResult TaxCodeTaken(string taxCode) =>
        Problems.Conflict($"Mã số thuế {taxCode} đã được đăng ký cho một tổ chức khác.", $"Tax code {taxCode} is already registered to another organization.");
}

public static class OrganizationMapping
{
    public static OrganizationResponse ToResponse(this Organization o) => new(
        o.Id, o.Name, o.TaxCode, Json.CamelCase(o.Kind.ToString()), o.Gs1CompanyPrefix, o.Gln,
        new AddressDto(o.Street, o.Commune, o.Province), new ContactDto(o.ContactPhone, o.ContactEmail), o.CreatedAt, o.UpdatedAt);
}
