using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Accounts;

/// <summary>
/// The portal's sign-in cookie: HttpOnly, SameSite=Lax, Secure whenever the request came over TLS.
/// The API never reads it (the API takes bearer tokens only), so a page on another site cannot spend it there.
/// </summary>
public static class PortalSession
{
    public const string Scheme = "Portal";
    public const string CookieName = "nst_session";
    public const string SignInPath = "/portal/dang-nhap";
    public const string StampClaim = "stamp";

    /// <summary>The policy of every portal page that needs someone signed in.</summary>
    public const string SignedIn = "portal";

    /// <summary>Pages for administrators only.</summary>
    public const string Administrators = "portal-admin";

    /// <summary>Pages for inspectors and administrators, who see every organization.</summary>
    public const string Oversight = "portal-oversight";

    /// <summary>Pages for producers, about their own organization.</summary>
    public const string Producers = "portal-producer";

    public static AuthenticationBuilder AddPortalSession(this AuthenticationBuilder authentication) =>
        authentication.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Only the portal reads it: a scan or an API call from a signed-in producer's browser does not carry the session.
            options.Cookie.Path = "/portal";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = SignInPath;
            options.ReturnUrlParameter = "quay-lai";
            options.AccessDeniedPath = "/portal/khong-co-quyen";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = StillValidAsync;
        });

    public static ClaimsPrincipal PrincipalFor(Account account) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Role, Json.CamelCase(account.Role.ToString())),
                new Claim(Roles.OrganizationClaim, account.OrganizationId.ToString()),
                new Claim(Roles.AccountClaim, account.Id.ToString()),
                new Claim(StampClaim, account.SecurityStamp.ToString()),
                new Claim(ClaimTypes.Name, account.DisplayName),
            ],
            Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>
    /// A session ends the moment its account is disabled or its organization suspended, its password is
    /// changed or reset, or its role or organization changes: the cookie's stamp and role are checked on every portal request.
    /// </summary>
    private static async Task StillValidAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = Guid.TryParse(principal?.FindFirstValue(Roles.AccountClaim), out var parsed) ? parsed : Guid.Empty;
        var db = context.HttpContext.RequestServices.GetRequiredService<TraceDb>();
        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new { a.SecurityStamp, a.DisabledAt, a.Role, a.OrganizationId, a.DisplayName, Suspended = a.Organization!.SuspendedAt != null })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || account.DisabledAt is not null || account.Suspended
            || principal is null || account.SecurityStamp.ToString() != principal.FindFirstValue(StampClaim)
            || Json.CamelCase(account.Role.ToString()) != principal.FindFirstValue(ClaimTypes.Role)
            || account.OrganizationId.ToString() != principal.FindFirstValue(Roles.OrganizationClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
