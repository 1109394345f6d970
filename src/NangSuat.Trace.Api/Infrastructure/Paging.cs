using Microsoft.EntityFrameworkCore;

namespace NangSuat.Trace.Api.Infrastructure;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Query-string paging: <c>?page=2&amp;pageSize=50</c>, 1-based, at most 100 a page.</summary>
public sealed record Paging(int? Page, int? PageSize)
{
    public const int MaxPageSize = 100;

    public int Number => Page ?? 1;
    public int Size => PageSize ?? 20;

    public void Validate(FieldErrors errors)
    {
        if (Number < 1)
        {
            errors.Add("page", "phải từ 1 trở lên", "must be 1 or more");
        }

        if (Size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"phải từ 1 đến {MaxPageSize}", $"must be between 1 and {MaxPageSize}");
        }
        else if (Number > MaxPage(Size))
        {
            // The rows to skip must fit the databases' offsets; no list is that long.
            errors.Add("page", $"với pageSize {Size}, trang lớn nhất là {MaxPage(Size):N0}", $"with pageSize {Size}, the last possible page is {MaxPage(Size):N0}");
        }
    }

    public async Task<PagedList<TOut>> ToPageAsync<TIn, TOut>(IQueryable<TIn> ordered, Func<TIn, TOut> project, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var rows = await ordered.Skip((Number - 1) * Size).Take(Size).ToListAsync(cancellationToken);
        return new PagedList<TOut>([.. rows.Select(project)], Number, Size, total);
    }

    private static int MaxPage(int size) => int.MaxValue / size;
}
