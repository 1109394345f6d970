using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts.Pages;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Accounts;

/// <summary>An owner invites colleagues into the organization and removes them; everyone sees who works with them.</summary>
public static class ColleaguePages
{
    public static void MapColleaguePages(this RouteGroupBuilder signedIn)
    {
        var colleagues = signedIn.MapGroup("/dong-nghiep").RequireAuthorization(PortalSession.Producers);
        colleagues.MapGet("/", List);
        colleagues.MapPost("/moi", Invite);
        colleagues.MapPost("/{id:guid}/go", Remove);
    }

    private static async Task<RazorComponentResult<ColleaguesPage>> List([FromQuery(Name = "xong")] string? done, Caller caller, TraceDb db, CancellationToken cancellationToken) =>
        await PageAsync(caller, db, done == "go" ? Language.Pick("Đã gỡ tài khoản; người đó không đăng nhập được nữa.", "The account is removed; that person can no longer sign in.") : null,
            null, StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> Invite(HttpContext context, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await IsOwnerAsync(caller, db, cancellationToken))
        {
            return OnlyOwners();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var displayName = errors.Optional("displayName", form["displayName"], 100);
        if (errors.Any)
        {
            return await PageAsync(caller, db, null, errors, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var (link, secret) = OneTimeLinks.Invitation(caller.Organization, AccountRole.Producer, false, displayName, caller.AccountId, clock.GetUtcNow());
        db.OneTimeLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        var url = link.ToResponse(urls.BaseUrl, secret).Url;
        var organization = await db.Organizations.Where(o => o.Id == caller.Organization).Select(o => o.Name).FirstAsync(cancellationToken);
        return OneTimeLinks.PrintPage(link, url, organization, displayName, "/portal/dong-nghiep");
    }

    private static async Task<IResult> Remove(Guid id, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await IsOwnerAsync(caller, db, cancellationToken))
        {
            return OnlyOwners();
        }

        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == caller.OrganizationId, cancellationToken);
        if (account is null || account.Id == caller.AccountId)
        {
            return Portal.PortalAnswers.NotFound("Không có đồng nghiệp này.", "There is no such colleague.", "/portal/dong-nghiep");
        }

        // A new stamp ends the person's sessions at their next request; their tokens and links die with them.
        if (await AccountAccess.DisableAsync(db, account, clock.GetUtcNow(), cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.LocalRedirect("/portal/dong-nghiep?xong=go");
    }

    private static async Task<RazorComponentResult<ColleaguesPage>> PageAsync(
        Caller caller, TraceDb db, string? notice, FieldErrors? errors, int status, CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.OrganizationId == caller.OrganizationId).OrderBy(a => a.DisplayName).ToListAsync(cancellationToken);
        return new(new
        {
            Accounts = accounts, IsOwner = accounts.Any(a => a.Id == caller.AccountId && a.IsOwner), Self = caller.AccountId, Notice = notice, Errors = errors,
        }) { StatusCode = status };
    }

    private static Task<bool> IsOwnerAsync(Caller caller, TraceDb db, CancellationToken cancellationToken) =>
        db.Accounts.AnyAsync(a => a.Id == caller.AccountId && a.IsOwner && a.DisabledAt == null, cancellationToken);

    private static RazorComponentResult<Portal.Pages.NoticePage> OnlyOwners() =>
        new(new
        {
            Title = Language.Pick("Không có quyền", "Not allowed"),
            Message = Language.Pick("Chỉ chủ tổ chức mới mời hoặc gỡ đồng nghiệp.", "Only the organization's owner invites or removes colleagues."),
            Next = "/portal/dong-nghiep",
        }) { StatusCode = StatusCodes.Status403Forbidden };
}
