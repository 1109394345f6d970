using Microsoft.EntityFrameworkCore;

namespace NangSuat.Trace.Api.Portal;

/// <summary>One page of a portal list: a page number past the end shows the last page, not an empty one.</summary>
public sealed record ListPage(int Number, int Pages, int Total)
{
    public const int Size = 50;

    public int Skip => (Number - 1) * Size;

    /// <summary>What a list's search box holds, trimmed; null when it is empty or no search can use it (too long, broken text).</summary>
    public static string? Query(string? typed) =>
        typed?.Trim() is { Length: > 0 and <= 100 } text && Infrastructure.FieldErrors.IsCleanText(text) ? text : null;

    public static async Task<ListPage> OfAsync<T>(IQueryable<T> query, int? asked, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + Size - 1) / Size);
        return new ListPage(Math.Clamp(asked ?? 1, 1, pages), pages, total);
    }
}
