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

/// <summary>
/// The column a portal list is sorted by, from its "sap" parameter: a key, with "-" first for
/// descending. A key the list does not offer falls back to the list's own order.
/// </summary>
public sealed record ListSort(string Key, bool Descending)
{
    public const string Parameter = "sap";

    public static ListSort Of(string? asked, ListSort fallback, params ReadOnlySpan<string> keys)
    {
        var descending = asked?.StartsWith('-') == true;
        var key = descending ? asked![1..] : asked;
        foreach (var offered in keys)
        {
            if (offered == key)
            {
                return new ListSort(offered, descending);
            }
        }

        return fallback;
    }

    public string Value => Descending ? "-" + Key : Key;

    /// <summary>What a click on a column's header asks for: this column ascending, or descending when it is already sorted ascending by it.</summary>
    public string Toggle(string key) => key == Key && !Descending ? "-" + key : key;

    public IOrderedQueryable<T> Apply<T, TKey>(IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, TKey>> by) =>
        Descending ? query.OrderByDescending(by) : query.OrderBy(by);
}
