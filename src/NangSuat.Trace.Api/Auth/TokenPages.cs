using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth.Pages;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Auth;

/// <summary>A producer creates and revokes its organization's API tokens for integrations; the secret is shown once.</summary>
public static class TokenPages
{
    public static void MapTokenPages(this RouteGroupBuilder signedIn)
    {
        var tokens = signedIn.MapGroup("/ma-truy-cap").RequireAuthorization(PortalSession.Producers);
        tokens.MapGet("/", List);
        tokens.MapPost("/moi", Create);
        tokens.MapPost("/{id:guid}/thu-hoi", Revoke);
    }

    private static async Task<RazorComponentResult<TokensPage>> List([FromQuery(Name = "xong")] string? done, Caller caller, TraceDb db, CancellationToken cancellationToken) =>
        await PageAsync(caller, db, null, done == "thu-hoi" ? Language.Pick("Đã thu hồi mã; mọi yêu cầu dùng mã đó bị từ chối từ bây giờ.", "The token is revoked; every request with it is refused from now on.") : null, cancellationToken);

    private static async Task<RazorComponentResult<TokensPage>> Create(Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (token, secret) = ApiToken.Issue(caller.Organization, TokenRole.Producer, clock.GetUtcNow(), caller.AccountId);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        // Shown in this answer only, never in an address a browser might keep or a proxy might log.
        return await PageAsync(caller, db, secret, null, cancellationToken);
    }

    private static async Task<IResult> Revoke(Guid id, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.OrganizationId == caller.OrganizationId, cancellationToken);
        if (token is null)
        {
            return Portal.PortalAnswers.NotFound("Không có mã truy cập này.", "There is no such token.", "/portal/ma-truy-cap");
        }

        if (token.Revoke(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.LocalRedirect("/portal/ma-truy-cap?xong=thu-hoi");
    }

    private static async Task<RazorComponentResult<TokensPage>> PageAsync(Caller caller, TraceDb db, string? secret, string? notice, CancellationToken cancellationToken)
    {
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.OrganizationId == caller.OrganizationId && t.Role == TokenRole.Producer)
            .OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return new(new { Tokens = tokens, NewSecret = secret, Notice = notice });
    }
}
