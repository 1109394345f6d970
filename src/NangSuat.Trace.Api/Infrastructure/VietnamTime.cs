namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>
/// Dates as a Vietnamese reader means them. Vietnam keeps UTC+7 all year, so "today" for a
/// certificate's validity or a recall date is the date at UTC+7, wherever the server runs.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly TodayInVietnam(this TimeProvider clock) => clock.GetUtcNow().DateInVietnam();

    public static DateOnly DateInVietnam(this DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Offset).DateTime);

    /// <summary>A moment as a Vietnamese reader writes it: 24/11/2026 14:05, at UTC+7.</summary>
    public static string Format(DateTimeOffset moment) =>
        moment.ToOffset(Offset).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
