using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;

namespace NangSuat.Trace.Api.Portal;

/// <summary>
/// One organization an inspector or administrator narrowed a list to, from its page ("everything it
/// registered"). A producer's lists are its own organization's already, so for a producer there is none.
/// </summary>
public sealed record OrganizationScope(Guid Id, string Name)
{
    public const string Parameter = "to-chuc";

    public static async Task<OrganizationScope?> OfAsync(string? value, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        if (!caller.SeesAll || !Guid.TryParse(value, out var id))
        {
            return null;
        }

        var name = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        return name is null ? null : new OrganizationScope(id, name);
    }

    /// <summary>
    /// The records a list may show: a producer's own organization's; for oversight every organization's,
    /// or the scope's alone. One rule for every portal list and its export.
    /// </summary>
    public static IQueryable<T> Visible<T>(IQueryable<T> records, Caller caller, OrganizationScope? scope) where T : class
    {
        var organization = caller.SeesAll ? scope?.Id : caller.OrganizationId ?? Guid.Empty;
        return organization is { } id ? records.Where(r => EF.Property<Guid>(r, "OrganizationId") == id) : records;
    }

    /// <summary>The query-string part that keeps the scope on the list's own links (paging, sorting, export).</summary>
    public static string Kept(OrganizationScope? scope) => scope is null ? "" : $"&{Parameter}={scope.Id}";
}
