using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Auth;

/// <summary>Bearer tokens issued by the portal (hashed in the database) plus the optional bootstrap admin token.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string SuspendedMarker = "nst.organizationSuspended";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (auth.Value.BootstrapAdminToken is { Length: > 0 } bootstrap
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(bootstrap)))
        {
            return Success(new Claim(ClaimTypes.Role, Roles.Admin));
        }

        // The database is asked only now: the anonymous scans that make most of the traffic never touch it here.
        var db = Context.RequestServices.GetRequiredService<TraceDb>();
        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.AsNoTracking()
            // A token dies with its maker's access: one made by a person disabled since is refused, even if a revocation raced its making.
            .Where(t => t.Hash == hash && t.RevokedAt == null && !db.Accounts.Any(a => a.Id == t.CreatedByAccountId && a.DisabledAt != null))
            .Select(t => new { t.Id, t.Role, t.OrganizationId, Suspended = t.Organization!.SuspendedAt != null })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (token is { Suspended: true })
        {
            Context.Items[SuspendedMarker] = true;
            return AuthenticateResult.Fail("The token's organization is suspended.");
        }

        return token is null
            ? AuthenticateResult.Fail("Unknown or revoked token.")
            : Success(
                new Claim(ClaimTypes.Role, token.Role == TokenRole.Producer ? Roles.Producer : Roles.Inspector),
                new Claim(Roles.OrganizationClaim, token.OrganizationId.ToString()),
                new Claim(Roles.TokenClaim, token.Id.ToString()));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        if (Context.Items.ContainsKey(SuspendedMarker))
        {
            return WriteProblem(StatusCodes.Status401Unauthorized,
                Language.Pick("Tổ chức đang bị tạm dừng.", "The organization is suspended."),
                Language.Pick("Mã truy cập này thuộc một tổ chức mà quản trị viên cổng đã tạm dừng; mọi yêu cầu bị từ chối cho đến khi tổ chức được mở lại.",
                    "This token belongs to an organization the portal's administrators suspended; every request is refused until it is reinstated."));
        }

        return WriteProblem(StatusCodes.Status401Unauthorized,
            Language.Pick("Cần đăng nhập.", "Authentication required."),
            Language.Pick("Gửi mã truy cập trong tiêu đề Authorization: Bearer <mã>. Mã có thể sai hoặc đã bị thu hồi.",
                "Send an access token as Authorization: Bearer <token>. The token may be wrong or revoked."));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden,
            Language.Pick("Không có quyền.", "Forbidden."),
            Language.Pick("Vai trò của mã truy cập này không được phép thực hiện thao tác này.",
                "This token's role is not allowed to do this."));

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    private async Task WriteProblem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Type = ProblemTypes.For(status), Title = title, Detail = detail },
        });
    }
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Producer = "producer";
    public const string Inspector = "inspector";
    public const string OrganizationClaim = "org";
    public const string TokenClaim = "tid";
    public const string AccountClaim = "aid";

    public const string AnyReader = "reader";
    public const string Oversight = "oversight";

    public static IServiceCollection AddTraceAuth(this IServiceCollection services)
    {
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddPortalSession();
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, p => p.RequireRole(Admin))
            .AddPolicy(Producer, p => p.RequireRole(Producer))
            .AddPolicy(Oversight, p => p.RequireRole(Inspector, Admin))
            .AddPolicy(AnyReader, p => p.RequireRole(Producer, Inspector, Admin))
            .AddPolicy(PortalSession.SignedIn, p => p.AddAuthenticationSchemes(PortalSession.Scheme).RequireAuthenticatedUser())
            .AddPolicy(PortalSession.Administrators, p => p.AddAuthenticationSchemes(PortalSession.Scheme).RequireRole(Admin))
            .AddPolicy(PortalSession.Oversight, p => p.AddAuthenticationSchemes(PortalSession.Scheme).RequireRole(Inspector, Admin))
            .AddPolicy(PortalSession.Producers, p => p.AddAuthenticationSchemes(PortalSession.Scheme).RequireRole(Producer));
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddScoped<SignIns>();
        // Each guess costs a password hash: one address may not spray guesses across every account.
        services.AddRateLimiter(options => options.AddPolicy(SignIns.RateLimit, context =>
            ClientRateLimits.PerMinute(context, context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.SignInsPerMinute)));
        return services;
    }
}

/// <summary>Who is calling: inspectors and administrators see every organization, a producer only its own.</summary>
public sealed record Caller(string Role, Guid? OrganizationId, Guid? AccountId = null)
{
    public bool SeesAll => Role is Roles.Inspector or Roles.Admin;

    /// <summary>The producer's own organization; only valid on producer-only routes.</summary>
    public Guid Organization => OrganizationId ?? throw new InvalidOperationException("Route is not limited to producers.");

    public bool CanSee(Guid organizationId) => SeesAll || OrganizationId == organizationId;

    public static ValueTask<Caller?> BindAsync(HttpContext context)
    {
        var user = context.User;
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        var organization = Guid.TryParse(user.FindFirstValue(Roles.OrganizationClaim), out var id) ? id : (Guid?)null;
        var account = Guid.TryParse(user.FindFirstValue(Roles.AccountClaim), out var accountId) ? accountId : (Guid?)null;
        return ValueTask.FromResult<Caller?>(new Caller(role, organization, account));
    }
}
