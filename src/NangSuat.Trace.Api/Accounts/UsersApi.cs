using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Accounts;

public sealed record AccountResponse(
    Guid Id, string Email, string? Phone, string DisplayName, Guid OrganizationId, AccountRole Role, bool IsOwner,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? DisabledAt);

public sealed record InvitationRequest(string? Role, string? DisplayName, bool? IsOwner);

/// <param name="Url">The one-time address to hand over; shown once, only its hash is kept.</param>
public sealed record LinkResponse(Guid Id, LinkPurpose Purpose, string Url, DateTimeOffset ExpiresAt);

/// <summary>Personal accounts for the portal, kept by administrators; scripted set-up creates them directly.</summary>
public static class UsersApi
{
    public static void MapAccounts(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/v1/users").WithTags("Accounts").RequireAuthorization(Roles.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        users.MapPost("/", Create).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateAccount").WithSummary("Create a portal account with a password (for scripted set-up; people use invitations)");
        users.MapGet("/", List).ProducesValidationProblem().WithName("ListAccounts").WithSummary("List accounts, optionally of one organization");
        users.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetAccount").WithSummary("Get an account");
        users.MapPost("/{id:guid}/disable", Disable).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DisableAccount").WithSummary("Disable an account: its sessions end at once");
        users.MapPost("/{id:guid}/enable", Enable).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("EnableAccount").WithSummary("Enable a disabled account again");
        users.MapPost("/{id:guid}/password-reset", Reset).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ResetPassword").WithSummary("A one-time link (valid one day) with which the person sets a new password");

        routes.MapPost("/api/v1/organizations/{id:guid}/invitations", Invite).WithTags("Accounts").RequireAuthorization(Roles.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("InviteToOrganization").WithSummary("A one-time invitation link (valid seven days) for a new person of the organization");
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> Create(
        NewAccountRequest request, TraceDb db, IPasswordHasher<Account> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var account = AccountRules.Create(request, hasher, clock.GetUtcNow(), errors);
        if (account is not null && !await db.Organizations.AnyAsync(o => o.Id == account.OrganizationId, cancellationToken))
        {
            errors.Add("organizationId", $"không có tổ chức {account.OrganizationId}", $"there is no organization {account.OrganizationId}");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        if (await TakenAsync(db, account!.Email, account.Phone, cancellationToken) is { } taken)
        {
            return taken;
        }

        db.Accounts.Add(account);
        return await db.TrySaveUniqueAsync(cancellationToken)
            ? TypedResults.Created($"/api/v1/users/{account.Id}", account.ToResponse())
            : SignInNameTaken();
    }

    private static async Task<Results<Ok<PagedList<AccountResponse>>, ValidationProblem>> List(
        Guid? organizationId, [AsParameters] Paging paging, TraceDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        if (errors.Any)
        {
            return errors.Problem();
        }

        var accounts = db.Accounts.AsNoTracking();
        if (organizationId is { } organization)
        {
            accounts = accounts.Where(a => a.OrganizationId == organization);
        }

        return TypedResults.Ok(await paging.ToPageAsync(accounts.OrderBy(a => a.Id), AccountMapping.ToResponse, cancellationToken));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Get(Guid id, TraceDb db, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } account
            ? TypedResults.Ok(account.ToResponse())
            : Problems.NotFound(RecordKind.Account, id);

    private static Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Disable(Guid id, TraceDb db, TimeProvider clock, CancellationToken cancellationToken) =>
        SetDisabledAsync(id, clock.GetUtcNow(), db, cancellationToken);

    private static Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Enable(Guid id, TraceDb db, CancellationToken cancellationToken) =>
        SetDisabledAsync(id, null, db, cancellationToken);

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> SetDisabledAsync(Guid id, DateTimeOffset? at, TraceDb db, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return Problems.NotFound(RecordKind.Account, id);
        }

        var changed = at is { } now ? await AccountAccess.DisableAsync(db, account, now, cancellationToken) : account.SetDisabled(null);
        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(account.ToResponse());
    }

    private static async Task<Results<Created<LinkResponse>, ProblemHttpResult>> Reset(
        Guid id, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return Problems.NotFound(RecordKind.Account, id);
        }

        if (account.DisabledAt is not null)
        {
            return Problems.Conflict("Tài khoản đã bị vô hiệu hóa: cho dùng lại trước, rồi mới tạo liên kết đặt lại mật khẩu.",
                "The account is disabled: enable it first, then create a reset link.");
        }

        var (link, secret) = await AccountAccess.NewResetAsync(db, account, caller.AccountId, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/users/{id}", link.ToResponse(urls.BaseUrl, secret));
    }

    private static async Task<Results<Created<LinkResponse>, ValidationProblem, ProblemHttpResult>> Invite(
        Guid id, InvitationRequest request, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var role = errors.OneOf<AccountRole>("role", request.Role);
        var displayName = errors.Optional("displayName", request.DisplayName, 100);
        if (request.IsOwner == true && role is not null and not AccountRole.Producer)
        {
            errors.Add("isOwner", "chỉ tài khoản nhà sản xuất mới là chủ tổ chức", "only a producer account can own its organization");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        if (!await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return Problems.NotFound(RecordKind.Organization, id);
        }

        var (link, secret) = OneTimeLinks.Invitation(id, role!.Value, request.IsOwner == true, displayName, caller.AccountId, clock.GetUtcNow());
        db.OneTimeLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{id}", link.ToResponse(urls.BaseUrl, secret));
    }

    /// <summary>An e-mail or phone already signs someone in: 409 before the insert, and again if a racing request won.</summary>
    internal static async Task<ProblemHttpResult?> TakenAsync(TraceDb db, string email, string? phone, CancellationToken cancellationToken) =>
        await db.Accounts.AnyAsync(a => a.Email == email || (phone != null && a.Phone == phone), cancellationToken) ? SignInNameTaken() : null;

    private static ProblemHttpResult SignInNameTaken() =>
        Problems.Conflict("Email hoặc số điện thoại này đã là tên đăng nhập của một tài khoản khác.", "This e-mail or phone number already signs in another account.");
}

public static class AccountMapping
{
    public static AccountResponse ToResponse(this Account a) =>
        new(a.Id, a.Email, a.Phone, a.DisplayName, a.OrganizationId, a.Role, a.IsOwner, a.CreatedAt, a.LastSignInAt, a.DisabledAt);
}
