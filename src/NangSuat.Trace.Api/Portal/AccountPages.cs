using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal.Pages;

namespace NangSuat.Trace.Api.Portal;

/// <summary>Signing in and out, accepting an invitation or a reset link, changing one's password.</summary>
public static class AccountPages
{
    public static void MapAccountPages(this RouteGroupBuilder portal, RouteGroupBuilder signedIn)
    {
        portal.MapGet("/dang-nhap", SignInForm);
        portal.MapPost("/dang-nhap", SignIn).RequireRateLimiting(SignIns.RateLimit);
        portal.MapGet("/khong-co-quyen", Denied);
        portal.MapGet($"/moi/{{secret}}", LinkForm);
        portal.MapPost($"/moi/{{secret}}", UseLink).RequireRateLimiting(SignIns.RateLimit);
        signedIn.MapPost("/dang-xuat", SignOut);
        signedIn.MapGet("/mat-khau", PasswordForm);
        signedIn.MapPost("/mat-khau", ChangePassword);
    }

    private static async Task<IResult> SignInForm([FromQuery(Name = "quay-lai")] string? returnUrl, HttpContext context)
    {
        if ((await context.AuthenticateAsync(PortalSession.Scheme)).Succeeded)
        {
            return TypedResults.LocalRedirect(SafeReturn(returnUrl));
        }

        return new RazorComponentResult<SignInPage>(new { ReturnUrl = SafeReturnOrNull(returnUrl) });
    }

    private static async Task<IResult> SignIn(HttpContext context, SignIns signIns, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var login = form["email"].ToString();
        var returnUrl = SafeReturnOrNull(form["quay-lai"].ToString());
        var outcome = await signIns.SignInAsync(login, form["password"].ToString(), cancellationToken);
        switch (outcome.Result)
        {
            case SignInVerdict.SignedIn:
                await context.SignInAsync(PortalSession.Scheme, PortalSession.PrincipalFor(outcome.Account!));
                return TypedResults.LocalRedirect(returnUrl ?? "/portal");
            case SignInVerdict.LockedOut:
                var minutes = Math.Max(1, (int)Math.Ceiling((outcome.LockedUntil!.Value - clock.GetUtcNow()).TotalMinutes));
                context.Response.Headers.RetryAfter = (minutes * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return SignInAgain(StatusCodes.Status429TooManyRequests, login, returnUrl, Language.Pick(
                    $"Tài khoản tạm khóa vì nhập sai mật khẩu {SignIns.FailuresBeforeLockout} lần liền. Thử lại sau {minutes} phút, hoặc nhờ quản trị viên đặt lại mật khẩu.",
                    $"The account is locked for a while after {SignIns.FailuresBeforeLockout} wrong passwords in a row. Try again in {minutes} minutes, or ask an administrator for a reset."));
            case SignInVerdict.OrganizationSuspended:
                return SignInAgain(StatusCodes.Status403Forbidden, login, returnUrl, Language.Pick(
                    "Tổ chức của bạn đang bị quản trị viên cổng tạm dừng; chưa đăng nhập được. Hãy liên hệ quản trị viên của cổng.",
                    "Your organization is suspended by the portal's administrators; you cannot sign in for now. Contact the portal's administrator."));
            case SignInVerdict.Disabled:
                return SignInAgain(StatusCodes.Status403Forbidden, login, returnUrl, Language.Pick(
                    "Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ quản trị viên của cổng.", "This account is disabled. Contact the portal's administrator."));
            default:
                return SignInAgain(StatusCodes.Status422UnprocessableEntity, login, returnUrl, Language.Pick(
                    "Email, số điện thoại hoặc mật khẩu không đúng.", "The e-mail, phone number or password is not right."));
        }
    }

    private static RazorComponentResult<SignInPage> SignInAgain(int status, string login, string? returnUrl, string problem) =>
        new(new { Email = login.Length > 200 ? null : login, ReturnUrl = returnUrl, Problem = problem }) { StatusCode = status };

    private static async Task<RedirectHttpResult> SignOut(HttpContext context, Caller caller, SignIns signIns, CancellationToken cancellationToken)
    {
        // A session cookie issued before the cookie moved under /portal still travels with path "/": it goes too
        // (deleted first, since deleting a cookie of the same name replaces an earlier deletion's header).
        context.Response.Cookies.Delete(PortalSession.CookieName, new CookieOptions { Path = "/" });
        await context.SignOutAsync(PortalSession.Scheme);
        if (caller.AccountId is { } account)
        {
            await signIns.SignedOutAsync(account, cancellationToken);
        }

        return TypedResults.Redirect(PortalSession.SignInPath);
    }

    private static RazorComponentResult<NoticePage> Denied() =>
        new(new
        {
            Title = Language.Pick("Không có quyền", "Not allowed"),
            Message = Language.Pick("Vai trò của tài khoản này không được mở trang đó.", "This account's role may not open that page."),
        }) { StatusCode = StatusCodes.Status403Forbidden };

    private static async Task<IResult> LinkForm(string secret, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (link, organization, suspended, accountDisabled) = await FindLinkAsync(secret, db, cancellationToken);
        // A reset link of an account disabled since is dead now, not after the person has typed a new password.
        return link is null || !link.WorksAt(clock.GetUtcNow()) || accountDisabled
            ? DeadLink(link is null)
            : suspended ? OrganizationSuspended()
            : new RazorComponentResult<LinkPage>(new { Link = link, OrganizationName = organization!, Action = OneTimeLinks.PathPrefix + secret });
    }

    private static async Task<IResult> UseLink(
        string secret, HttpContext context, TraceDb db, IPasswordHasher<Account> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (link, organization, suspended, _) = await FindLinkAsync(secret, db, cancellationToken);
        if (link is null || !link.WorksAt(now))
        {
            return DeadLink(link is null);
        }

        if (suspended)
        {
            return OrganizationSuspended();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        Account? account;
        if (link.Purpose == LinkPurpose.Invitation)
        {
            var request = new NewAccountRequest(form["email"], form["phone"], form["password"], form["displayName"], link.OrganizationId,
                link.Role.ToString(), link.IsOwner);
            account = AccountRules.Create(request, hasher, now, errors);
            if (!errors.Has("password") && form["password"] != form["passwordRepeated"])
            {
                errors.Add("passwordRepeated", "không khớp với mật khẩu vừa nhập", "does not match the password above");
            }

            if (account is not null && !errors.Any && await UsersApi.TakenAsync(db, account.Email, account.Phone, cancellationToken) is not null)
            {
                errors.Add("email", "email hoặc số điện thoại này đã là tên đăng nhập của một tài khoản khác", "this e-mail or phone number already signs in another account");
            }

            if (errors.Any)
            {
                return LinkAgain(link, organization!, secret, errors, form);
            }

            db.Accounts.Add(account!);
            link.AccountId = account!.Id;
        }
        else
        {
            // A disabled account is not let back in by a link made before it was disabled.
            account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == link.AccountId, cancellationToken);
            if (account is null || account.DisabledAt is not null)
            {
                return DeadLink(true);
            }

            if (!AccountRules.SetPassword(account, form["password"], form["passwordRepeated"], hasher, errors))
            {
                return LinkAgain(link, organization!, secret, errors, form);
            }
        }

        // The link's version guards it: of two posts racing with one link, one creates or resets and the other is refused.
        link.UsedAt = now;
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            errors.Add("email", "email hoặc số điện thoại này đã là tên đăng nhập của một tài khoản khác", "this e-mail or phone number already signs in another account");
            return LinkAgain(link, organization!, secret, errors, form);
        }

        await context.SignInAsync(PortalSession.Scheme, PortalSession.PrincipalFor(account));
        return TypedResults.LocalRedirect("/portal?chao=1");
    }

    private static RazorComponentResult<LinkPage> LinkAgain(OneTimeLink link, string organization, string secret, FieldErrors errors, IFormCollection form) =>
        new(new
        {
            Link = link, OrganizationName = organization, Action = OneTimeLinks.PathPrefix + secret, Errors = errors,
            DisplayName = (string?)form["displayName"], Email = (string?)form["email"], Phone = (string?)form["phone"],
        }) { StatusCode = StatusCodes.Status422UnprocessableEntity };

    /// <summary>The link by its secret, with its organization's name and standing, and whether the account it resets has been disabled since.</summary>
    private static async Task<(OneTimeLink? Link, string? Organization, bool Suspended, bool AccountDisabled)> FindLinkAsync(
        string secret, TraceDb db, CancellationToken cancellationToken)
    {
        if (secret.Length is < 20 or > 100)
        {
            return (null, null, false, false);
        }

        var hash = OneTimeLink.HashOf(secret);
        var found = await db.OneTimeLinks.Where(l => l.Hash == hash)
            .Select(l => new
            {
                Link = l,
                Organization = db.Organizations.Where(o => o.Id == l.OrganizationId).Select(o => new { o.Name, Suspended = o.SuspendedAt != null }).FirstOrDefault(),
                AccountDisabled = db.Accounts.Any(a => a.Id == l.AccountId && a.DisabledAt != null),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return (found?.Link, found?.Organization?.Name, found?.Organization?.Suspended == true, found?.AccountDisabled == true);
    }

    /// <summary>The link is kept for when the organization is reinstated, if it has not expired by then.</summary>
    private static RazorComponentResult<NoticePage> OrganizationSuspended() =>
        PortalAnswers.Notice(StatusCodes.Status403Forbidden, Language.Pick("Tổ chức đang bị tạm dừng", "The organization is suspended"),
            Language.Pick(
                "Quản trị viên cổng đã tạm dừng tổ chức này; chưa ai của tổ chức đăng nhập được. Hãy liên hệ quản trị viên của cổng.",
                "The portal's administrators suspended this organization; none of its people can sign in for now. Contact the portal's administrator."),
            PortalSession.SignInPath, Language.Pick("Đến trang đăng nhập", "Go to sign-in"));

    private static RazorComponentResult<NoticePage> DeadLink(bool unknown) =>
        PortalAnswers.Notice(unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone, Language.Pick("Liên kết không còn dùng được", "This link no longer works"),
            Language.Pick(
                "Liên kết mời hoặc đặt lại mật khẩu này đã được dùng, đã hết hạn hoặc không đúng. Hãy xin người gửi một liên kết mới.",
                "This invitation or reset link has been used, has expired or is not right. Ask whoever gave it to you for a new one."),
            PortalSession.SignInPath, Language.Pick("Đến trang đăng nhập", "Go to sign-in"));

    private static RazorComponentResult<PasswordPage> PasswordForm([FromQuery(Name = "xong")] string? done) =>
        new(new { Notice = done == "1" ? Language.Pick("Đã đổi mật khẩu.", "Your password is changed.") : null });

    private static async Task<IResult> ChangePassword(
        HttpContext context, Caller caller, TraceDb db, IPasswordHasher<Account> hasher, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == caller.AccountId, cancellationToken);
        if (account is null)
        {
            return TypedResults.Redirect(PortalSession.SignInPath);
        }

        var errors = new FieldErrors();
        var current = form["currentPassword"].ToString();
        if (current.Length == 0 || current.Length > 512 || hasher.VerifyHashedPassword(account, account.PasswordHash, current) == PasswordVerificationResult.Failed)
        {
            errors.Add("currentPassword", "không đúng mật khẩu hiện tại", "is not your current password");
        }

        if (errors.Any || !AccountRules.SetPassword(account, form["password"], form["passwordRepeated"], hasher, errors))
        {
            return new RazorComponentResult<PasswordPage>(new { Errors = errors }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }

        await db.SaveChangesAsync(cancellationToken);
        // The new stamp ends every other session; this one carries on with a fresh cookie.
        await context.SignInAsync(PortalSession.Scheme, PortalSession.PrincipalFor(account));
        return TypedResults.LocalRedirect("/portal/mat-khau?xong=1");
    }

    /// <summary>Only a path of the portal itself: never another host (//evil.example, /\evil.example) after signing in.</summary>
    private static string? SafeReturnOrNull(string? returnUrl) =>
        returnUrl is { Length: > 0 and < 2000 } url && url.StartsWith("/portal", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal) && FieldErrors.IsCleanText(url)
            && !url.Any(char.IsWhiteSpace)
            ? url
            : null;

    private static string SafeReturn(string? returnUrl) => SafeReturnOrNull(returnUrl) ?? "/portal";
}
