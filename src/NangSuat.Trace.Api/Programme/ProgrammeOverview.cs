using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.Pages;
using NangSuat.Trace.Api.Portal;
using NangSuat.Trace.Api.Programme.Pages;
using NangSuat.Trace.Api.Scans;

namespace NangSuat.Trace.Api.Programme;

/// <summary>
/// The province's programme at a glance, for the yearly report (due before 15 or 30 November):
/// every figure drawn as a chart on the server and downloadable as a workbook.
/// </summary>
public static class ProgrammeOverview
{
    public const int CommunesShown = 12;

    public static void MapProgrammeOverview(this RouteGroupBuilder signedIn)
    {
        var overview = signedIn.MapGroup("/tong-quan").RequireAuthorization(PortalSession.Oversight);
        overview.MapGet("/", Show);
        overview.MapGet("/bao-cao.{format}", Download);
    }

    public sealed record Figures(
        int Organizations, int ProductsWithGtin, int Lots, int ValidCertificates, long Scans,
        IReadOnlyList<BarChart.Bar> OrganizationsByKind, IReadOnlyList<BarChart.Bar> OrganizationsByCommune,
        IReadOnlyList<BarChart.Bar> LotsByMonth, IReadOnlyList<BarChart.Bar> CertificatesByType,
        IReadOnlyList<BarChart.Bar> OcopByStars, IReadOnlyList<BarChart.Bar> ScansByMonth);

    private static async Task<RazorComponentResult<ProgrammeOverviewPage>> Show(TraceDb db, ScanCounter scans, TimeProvider clock, CancellationToken cancellationToken) =>
        new(new { Figures = await CountAsync(db, scans, clock, cancellationToken) });

    private static async Task<IResult> Download(string format, TraceDb db, ScanCounter scans, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ExportTable.Format(format) is not { } chosen)
        {
            return PortalAnswers.NotFound("Không có tệp báo cáo dạng này.", "There is no report file of this kind.", "/portal/tong-quan");
        }

        var figures = await CountAsync(db, scans, clock, cancellationToken);
        var count = Language.Pick("Số lượng", "Count");
        ExportTable Sheet(string name, string label, IReadOnlyList<BarChart.Bar> bars) =>
            new(name, [label, count], [.. bars.Select(b => (IReadOnlyList<string>)[b.Label, b.Value.ToString(CultureInfo.InvariantCulture)])]);
        ExportTable summary = new(Language.Pick("Tổng hợp", "Summary"), [Language.Pick("Chỉ tiêu", "Figure"), count],
        [
            [Language.Pick("Tổ chức", "Organizations"), $"{figures.Organizations}"],
            [Language.Pick("Sản phẩm có mã GTIN", "Products with a GTIN"), $"{figures.ProductsWithGtin}"],
            [Language.Pick("Lô hàng", "Lots"), $"{figures.Lots}"],
            [Language.Pick("Chứng nhận còn hiệu lực", "Certificates in force"), $"{figures.ValidCertificates}"],
            [Language.Pick("Lượt quét 12 tháng", "Scans in 12 months"), $"{figures.Scans}"],
        ]);
        var stem = $"bao-cao-chuong-trinh-{clock.TodayInVietnam():yyyy-MM-dd}";
        return chosen == "csv"
            ? ExportTable.File(chosen, stem, summary)
            : ExportTable.File(chosen, stem, summary,
                Sheet(Language.Pick("Loại hình", "Kinds"), Language.Pick("Loại hình", "Kind"), figures.OrganizationsByKind),
                Sheet(Language.Pick("Xã phường", "Communes"), Language.Pick("Xã, phường", "Commune"), figures.OrganizationsByCommune),
                Sheet(Language.Pick("Lô theo tháng", "Lots by month"), Language.Pick("Tháng sản xuất", "Month of production"), figures.LotsByMonth),
                Sheet(Language.Pick("Chứng nhận", "Certificates"), Language.Pick("Loại", "Type"), figures.CertificatesByType),
                Sheet("OCOP", Language.Pick("Hạng sao", "Stars"), figures.OcopByStars),
                Sheet(Language.Pick("Lượt quét", "Scans"), Language.Pick("Tháng", "Month"), figures.ScansByMonth));
    }

    public static async Task<Figures> CountAsync(TraceDb db, ScanCounter scans, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.TodayInVietnam();
        var producers = db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.Authority);
        var byKind = await producers.GroupBy(o => o.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byCommune = await producers.GroupBy(o => o.Commune).Select(g => new { Commune = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Commune).ToListAsync(cancellationToken);
        var communes = byCommune.Take(CommunesShown).Select(c => new BarChart.Bar(c.Commune, c.Count)).ToList();
        if (byCommune.Count > CommunesShown)
        {
            communes.Add(new(Language.Pick($"{byCommune.Count - CommunesShown} xã khác", $"{byCommune.Count - CommunesShown} other communes"), byCommune.Skip(CommunesShown).Sum(c => c.Count)));
        }

        var productsWithGtin = await db.Products.CountAsync(cancellationToken);
        // Every registered product carries its GTIN (the product's rules require one): the count of products is the count with a GTIN.
        var ocop = await db.Products.Where(p => p.OcopStars != null).GroupBy(p => p.OcopStars!.Value)
            .Select(g => new { Stars = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Stars, g => g.Count, cancellationToken);

        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        // Summed per production day in the database, per month here: the same on both providers.
        var produced = await db.Lots.AsNoTracking().Where(l => l.ProductionDate >= firstMonth && l.ProductionDate <= today)
            .GroupBy(l => l.ProductionDate!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var perMonth = produced.GroupBy(d => (d.Day.Year, d.Day.Month)).ToDictionary(g => g.Key, g => g.Sum(d => d.Count));
        var lotsByMonth = Enumerable.Range(0, 12).Select(firstMonth.AddMonths)
            .Select(m => new BarChart.Bar($"{m.Month:00}/{m.Year}", perMonth.GetValueOrDefault((m.Year, m.Month)))).ToList();

        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.Status == CertificateStatus.Active && c.ValidFrom <= today && c.ValidTo >= today)
            .GroupBy(c => c.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var scansByMonth = await ScanFigures.LastYearAsync(db, scans, null, clock, cancellationToken);

        return new Figures(
            byKind.Sum(k => k.Count), productsWithGtin, await db.Lots.CountAsync(cancellationToken), certificates.Sum(c => c.Count), scansByMonth.Sum(b => b.Value),
            [.. Enum.GetValues<OrganizationKind>().Where(k => k != OrganizationKind.Authority).Select(k => new BarChart.Bar(OrganizationText.Kind(k), byKind.FirstOrDefault(b => b.Kind == k)?.Count ?? 0))],
            communes,
            lotsByMonth,
            [.. Enum.GetValues<CertificateType>().Select(t => new BarChart.Bar(t.Display(), certificates.FirstOrDefault(c => c.Type == t)?.Count ?? 0))],
            [.. Enumerable.Range(3, 3).Select(stars => new BarChart.Bar(Language.Pick($"{stars} sao", $"{stars} stars"), ocop.GetValueOrDefault(stars)))],
            scansByMonth);
    }
}
