using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Auth;

public sealed record TokenRequest(string? Role);

public sealed record TokenResponse(Guid Id, string Token, TokenRole Role, Guid OrganizationId);

/// <summary>Access tokens an administrator hands to an organization's producers and inspectors.</summary>
public static class TokensApi
{
    public static void MapTokens(this RouteGroupBuilder organizations)
    {
        organizations.MapPost("/{id:guid}/tokens", Issue).RequireAuthorization(Roles.Admin).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("IssueToken").WithSummary("Issue an access token (shown once) for a producer or an inspector of the organization");
        organizations.MapDelete("/{id:guid}/tokens/{tokenId:guid}", Revoke).RequireAuthorization(Roles.Admin).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RevokeToken").WithSummary("Revoke a token at once (a lost phone, someone who left)");
    }

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> Issue(
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
            return Problems.NotFound(RecordKind.Organization, id);
        }

        var (token, secret) = ApiToken.Issue(id, role!.Value, clock.GetUtcNow());
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{id}/tokens/{token.Id}", new TokenResponse(token.Id, secret, token.Role, id));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, Guid tokenId, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.OrganizationId == id, cancellationToken);
        if (token is null)
        {
            return Problems.NotFound(RecordKind.ApiToken, tokenId);
        }

        if (token.Revoke(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
