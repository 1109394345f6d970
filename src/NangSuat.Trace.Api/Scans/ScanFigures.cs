using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Pages;

namespace NangSuat.Trace.Api.Scans;

/// <summary>Scans of labels as the portal's charts show them, counted up to this moment.</summary>
public static class ScanFigures
{
    /// <summary>The last seven days, one bar a day, of one organization's labels (or every label when no organization is named).</summary>
    public static async Task<IReadOnlyList<BarChart.Bar>> LastWeekAsync(TraceDb db, ScanCounter counter, Guid? organizationId, TimeProvider clock, CancellationToken cancellationToken)
    {
        await counter.WriteAsync(db, cancellationToken);
        var today = clock.TodayInVietnam();
        var from = today.AddDays(-6);
        var perDay = await Of(db, organizationId).Where(s => s.Day >= from && s.Day <= today)
            .GroupBy(s => s.Day).Select(g => new { Day = g.Key, Count = g.Sum(s => s.Count) })
            .ToDictionaryAsync(d => d.Day, d => d.Count, cancellationToken);
        return [.. Enumerable.Range(0, 7).Select(i => from.AddDays(i)).Select(day => new BarChart.Bar(DayName(day), perDay.GetValueOrDefault(day)))];
    }

    /// <summary>The last twelve months, one bar a month.</summary>
    public static async Task<IReadOnlyList<BarChart.Bar>> LastYearAsync(TraceDb db, ScanCounter counter, Guid? organizationId, TimeProvider clock, CancellationToken cancellationToken)
    {
        await counter.WriteAsync(db, cancellationToken);
        var today = clock.TodayInVietnam();
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        // Summed per day in the database (at most 366 rows), per month here: the same on both providers.
        var perDay = await Of(db, organizationId).Where(s => s.Day >= first)
            .GroupBy(s => s.Day).Select(g => new { Day = g.Key, Count = g.Sum(s => s.Count) }).ToListAsync(cancellationToken);
        var perMonth = perDay.GroupBy(d => (d.Day.Year, d.Day.Month)).ToDictionary(g => g.Key, g => g.Sum(d => d.Count));
        return [.. Enumerable.Range(0, 12).Select(first.AddMonths).Select(month =>
            new BarChart.Bar($"{month.Month:00}/{month.Year}", perMonth.GetValueOrDefault((month.Year, month.Month))))];
    }

    private static IQueryable<ScanDay> Of(TraceDb db, Guid? organizationId) =>
        organizationId is { } organization
            ? db.ScanDays.Where(s => db.Products.Any(p => p.Gtin == s.Gtin && p.OrganizationId == organization))
            : db.ScanDays.Where(s => db.Products.Any(p => p.Gtin == s.Gtin));

    private static string DayName(DateOnly day)
    {
        var weekday = day.DayOfWeek == DayOfWeek.Sunday ? Language.Pick("CN", "Sun") : Language.Pick($"T{(int)day.DayOfWeek + 1}", day.DayOfWeek.ToString()[..3]);
        return $"{weekday} {day:dd/MM}";
    }
}
