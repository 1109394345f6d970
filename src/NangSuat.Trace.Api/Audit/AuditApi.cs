using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Audit;

public sealed record AuditActor(string Role, Guid? TokenId, Guid? AccountId, Guid? OrganizationId);

public sealed record AuditEntryResponse(
    Guid Id, DateTimeOffset At, AuditActor Actor, string Entity, Guid EntityId, Guid OrganizationId, string Action, JsonElement Changes, long? LogIndex);

/// <summary>The filters of the audit list, all optional.</summary>
public sealed record AuditQuery(string? Entity, Guid? EntityId, Guid? OrganizationId, DateTimeOffset? From, DateTimeOffset? To);

public static class AuditApi
{
    private static readonly string[] Entities = ["organization", "apiToken", "product", "productionArea", "certificate", "lot", "serialBatch", "account", "oneTimeLink", "certificationBody", "designation"];

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Roles.Oversight)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListAuditEntries")
            .WithSummary("Every change to the registry, newest first: who, what, when and the values changed; filter by entity, record, organization and time");
        return group;
    }

    private static async Task<Results<Ok<PagedList<AuditEntryResponse>>, ValidationProblem>> List(
        [AsParameters] AuditQuery filter, [AsParameters] Paging paging, TraceDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        if (filter.Entity is not null && !Entities.Contains(filter.Entity))
        {
            errors.Add("entity", $"chỉ nhận: {string.Join(", ", Entities)}", $"use one of: {string.Join(", ", Entities)}");
        }

        if (filter is { From: { } from, To: { } to } && to < from)
        {
            errors.Add("to", "không được trước 'from'", "must not be before 'from'");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var query = db.AuditEntries.AsNoTracking();
        if (filter.Entity is { } entity)
        {
            query = query.Where(a => a.Entity == entity);
        }

        if (filter.EntityId is { } entityId)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        if (filter.OrganizationId is { } organizationId)
        {
            query = query.Where(a => a.OrganizationId == organizationId);
        }

        if (filter.From is { } since)
        {
            query = query.Where(a => a.At >= since);
        }

        if (filter.To is { } until)
        {
            query = query.Where(a => a.At < until);
        }

        return TypedResults.Ok(await paging.ToPageAsync(query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id), ToResponse, cancellationToken));
    }

    private static AuditEntryResponse ToResponse(AuditEntry a)
    {
        using var changes = JsonDocument.Parse(a.Changes);
        return new(a.Id, a.At, new AuditActor(a.ActorRole, a.ActorTokenId, a.ActorAccountId, a.ActorOrganizationId), a.Entity, a.EntityId, a.OrganizationId, a.Action, changes.RootElement.Clone(), a.LogIndex);
    }
}
