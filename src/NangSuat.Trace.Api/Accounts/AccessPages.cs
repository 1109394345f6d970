using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts.Pages;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Accounts;

/// <summary>
/// The administrators' view of who can get in: every account of every organization, every API token,
/// every one-time link still open. Each can be taken back from here; the changes to an account itself
/// stay on its organization's page.
/// </summary>
public static class AccessPages
{
    public static void MapAccessPages(this RouteGroupBuilder signedIn)
    {
        var access = signedIn.MapGroup("/tai-khoan").RequireAuthorization(PortalSession.Administrators);
        access.MapGet("/", Accounts);
        access.MapGet("/ma-api", Tokens);
        access.MapPost("/ma-api/{id:guid}/thu-hoi", RevokeToken);
        access.MapGet("/lien-ket", Links);
        access.MapPost("/lien-ket/{id:guid}/huy", RevokeLink);
    }

    private static async Task<RazorComponentResult<AccountListPage>> Accounts(
        string? q, [FromQuery(Name = "trang")] int? page, TraceDb db, CancellationToken cancellationToken)
    {
        var query = db.Accounts.AsNoTracking();
        var text = Portal.ListPage.Query(q);
        if (text is not null)
        {
            // As every portal list searches: diacritics and case folded ("dang" finds "Đặng"), a phone however it is written.
            var folded = SearchText.Fold(text);
            var phone = AccountRules.NormalizePhone(text) ?? "-";
            query = query.Where(a => EF.Property<string>(a, ISearchable.KeyProperty).Contains(folded) || a.Phone == phone);
        }

        var list = await Portal.ListPage.OfAsync(query, page, cancellationToken);
        var rows = await query.OrderBy(a => a.Organization!.Name).ThenBy(a => a.DisplayName).ThenBy(a => a.Id).Skip(list.Skip).Take(Portal.ListPage.Size)
            .Select(a => new AccountListPage.Row(a, a.Organization!.Name, a.Organization.SuspendedAt != null))
            .ToListAsync(cancellationToken);
        return new(new { Items = rows, Query = text, Total = list.Total, Page = list.Number, Pages = list.Pages });
    }

    private static async Task<RazorComponentResult<AllTokensPage>> Tokens(
        [FromQuery(Name = "trang")] int? page, [FromQuery(Name = "xong")] string? done, TraceDb db, CancellationToken cancellationToken)
    {
        var query = db.ApiTokens.AsNoTracking();
        var list = await Portal.ListPage.OfAsync(query, page, cancellationToken);
        // Tokens still working first, newest first: those are the ones an administrator may need to take back.
        var rows = await query.OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.Id).Skip(list.Skip).Take(Portal.ListPage.Size)
            .Select(t => new AllTokensPage.Row(t, t.Organization!.Name,
                db.Accounts.Where(a => a.Id == t.CreatedByAccountId).Select(a => a.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new(new
        {
            Items = rows, Total = list.Total, Page = list.Number, Pages = list.Pages,
            Notice = done == "thu-hoi" ? Language.Pick("Đã thu hồi mã; mọi yêu cầu dùng mã đó bị từ chối từ bây giờ.", "The token is revoked; every request with it is refused from now on.") : null,
        });
    }

    private static async Task<IResult> RevokeToken(Guid id, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return Portal.PortalAnswers.NotFound("Không có mã truy cập này.", "There is no such token.", "/portal/tai-khoan/ma-api");
        }

        // Saved through the change tracker, so the revocation is in the audit record; a racing revocation loses on the version and changes nothing more.
        if (token.Revoke(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.LocalRedirect("/portal/tai-khoan/ma-api?xong=thu-hoi");
    }

    private static async Task<RazorComponentResult<OpenLinksPage>> Links(
        [FromQuery(Name = "xong")] string? done, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Expiry is checked here, not in SQL: SQLite cannot compare DateTimeOffset values. Links are made newest-last (version-7 ids), and none lives beyond a week.
        var rows = await db.OneTimeLinks.AsNoTracking().Where(l => l.UsedAt == null && l.RevokedAt == null)
            .OrderByDescending(l => l.Id).Take(2000)
            .Select(l => new OpenLinksPage.Row(l,
                db.Organizations.Where(o => o.Id == l.OrganizationId).Select(o => o.Name).First(),
                db.Accounts.Where(a => a.Id == l.AccountId).Select(a => a.DisplayName).FirstOrDefault(),
                db.Accounts.Where(a => a.Id == l.CreatedByAccountId).Select(a => a.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new(new
        {
            Items = rows.Where(r => r.Link.ExpiresAt > now).OrderBy(r => r.Link.ExpiresAt).ToList(),
            Notice = done == "huy" ? Language.Pick("Đã hủy liên kết; ai mở nó từ giờ sẽ được báo liên kết không còn dùng được.", "The link is cancelled; whoever opens it now is told it no longer works.") : null,
        });
    }

    private static async Task<IResult> RevokeLink(Guid id, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var link = await db.OneTimeLinks.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (link is null)
        {
            return Portal.PortalAnswers.NotFound("Không có liên kết này.", "There is no such link.", "/portal/tai-khoan/lien-ket");
        }

        if (link.UsedAt is null && link.RevokedAt is null)
        {
            link.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.LocalRedirect("/portal/tai-khoan/lien-ket?xong=huy");
    }
}
