using Microsoft.EntityFrameworkCore;

namespace NangSuat.Trace.Api.Portal;

/// <summary>One page of a portal list: a page number past the end shows the last page, not an empty one.</summary>
public sealed record ListPage(int Number, int Pages, int Total)
{
    public const int Size = 50;

    public int Skip => (Number - 1) * Size;

    public static async Task<ListPage> OfAsync<T>(IQueryable<T> query, int? asked, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + Size - 1) / Size);
        return new ListPage(Math.Clamp(asked ?? 1, 1, pages), pages, total);
    }
}
