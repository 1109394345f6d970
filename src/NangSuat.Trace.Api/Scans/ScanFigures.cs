using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Pages;

namespace NangSuat.Trace.Api.Scans;

/// <summary>Scans of labels as the portal's charts show them: what is written, plus what is counted and not yet written. Reading never writes.</summary>
public static class ScanFigures
{
    /// <summary>The last seven days, one bar a day, of one organization's labels (or every label when no organization is named).</summary>
    public static async Task<IReadOnlyList<BarChart.Bar>> LastWeekAsync(TraceDb db, ScanCounter counter, Guid? organizationId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.TodayInVietnam();
        var from = today.AddDays(-6);
        var perDay = await PerDayAsync(db, counter, organizationId, from, cancellationToken);
        return [.. Enumerable.Range(0, 7).Select(i => from.AddDays(i)).Select(day => new BarChart.Bar(DayName(day), perDay.GetValueOrDefault(day)))];
    }

    /// <summary>The last twelve months, one bar a month.</summary>
    public static async Task<IReadOnlyList<BarChart.Bar>> LastYearAsync(TraceDb db, ScanCounter counter, Guid? organizationId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.TodayInVietnam();
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var perDay = await PerDayAsync(db, counter, organizationId, first, cancellationToken);
        var perMonth = perDay.GroupBy(d => (d.Key.Year, d.Key.Month)).ToDictionary(g => g.Key, g => g.Sum(d => d.Value));
        return [.. Enumerable.Range(0, 12).Select(first.AddMonths).Select(month =>
            new BarChart.Bar($"{month.Month:00}/{month.Year}", perMonth.GetValueOrDefault((month.Year, month.Month))))];
    }

    /// <summary>Summed per day in the database (at most 366 rows), the same on both providers; then the counts not yet written.</summary>
    private static async Task<Dictionary<DateOnly, long>> PerDayAsync(TraceDb db, ScanCounter counter, Guid? organizationId, DateOnly from, CancellationToken cancellationToken)
    {
        var products = organizationId is { } organization ? db.Products.Where(p => p.OrganizationId == organization) : db.Products;
        var perDay = await db.ScanDays.Where(s => s.Day >= from && products.Any(p => p.Gtin == s.Gtin))
            .GroupBy(s => s.Day).Select(g => new { Day = g.Key, Count = g.Sum(s => s.Count) })
            .ToDictionaryAsync(d => d.Day, d => d.Count, cancellationToken);
        var pending = counter.PendingSince(from).ToList();
        if (pending.Count > 0)
        {
            var gtins = pending.Select(p => p.Gtin).Distinct().ToList();
            var counted = (await products.Where(p => gtins.Contains(p.Gtin)).Select(p => p.Gtin).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var (gtin, day, count) in pending.Where(p => counted.Contains(p.Gtin)))
            {
                perDay[day] = perDay.GetValueOrDefault(day) + count;
            }
        }

        return perDay;
    }

    private static string DayName(DateOnly day)
    {
        var weekday = day.DayOfWeek == DayOfWeek.Sunday ? Language.Pick("CN", "Sun") : Language.Pick($"T{(int)day.DayOfWeek + 1}", day.DayOfWeek.ToString()[..3]);
        return $"{weekday} {day:dd/MM}";
    }
}
