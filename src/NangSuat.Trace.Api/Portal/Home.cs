using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Portal.Pages;

namespace NangSuat.Trace.Api.Portal;

/// <summary>The page a person lands on after signing in: what needs them now.</summary>
public static class Home
{
    public const int ExpiringWithinDays = 60;

    public static void MapHome(this RouteGroupBuilder signedIn) => signedIn.MapGet("/", Show);

    private static async Task<RazorComponentResult<HomePage>> Show(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "chao")] string? welcome, HttpContext context, Caller caller, TraceDb db, Scans.ScanCounter scans, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.TodayInVietnam();
        var soon = today.AddDays(ExpiringWithinDays);
        var certificates = OrganizationScope.Visible(db.Certificates.AsNoTracking(), caller, null);
        var lots = OrganizationScope.Visible(db.Lots.AsNoTracking(), caller, null);
        var expiringSoon = certificates.Where(c => c.Status == CertificateStatus.Active && c.ValidTo >= today && c.ValidTo <= soon);
        var unlabelled = lots.Where(l => l.LabelledAt == null && l.Status != LotStatus.Recalled);
        // The organization's name and every count in one round trip; the few records each card names in one more each.
        var counts = await db.Organizations.Where(o => o.Id == caller.OrganizationId).Select(o => new
        {
            o.Name,
            Expiring = expiringSoon.Count(),
            Expired = certificates.Count(c => c.Status == CertificateStatus.Active && c.ValidTo < today),
            Recalled = lots.Count(l => l.Status == LotStatus.Recalled),
            Lots = lots.Count(),
            Unlabelled = unlabelled.Count(),
        }).FirstAsync(cancellationToken);
        var (organization, expiringCount, expired, recalledCount, lotCount, unlabelledCount) =
            (counts.Name, counts.Expiring, counts.Expired, counts.Recalled, counts.Lots, counts.Unlabelled);
        var expiring = await expiringSoon.OrderBy(c => c.ValidTo).Select(c => new { c.Number, c.ValidTo }).Take(5).ToListAsync(cancellationToken);
        var recalled = await lots.Where(l => l.Status == LotStatus.Recalled)
            .OrderByDescending(l => l.Id).Select(l => new { l.LotNumber, ProductName = l.Product!.NameVi }).Take(5).ToListAsync(cancellationToken);
        var unlabelledFirst = await unlabelled.OrderByDescending(l => l.Id)
            .Select(l => new { l.LotNumber, ProductName = l.Product!.NameVi }).Take(5).ToListAsync(cancellationToken);
        var date = (DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        List<HomePage.Card> cards =
        [
            new("expiring", Language.Pick($"Chứng nhận hết hạn trong {ExpiringWithinDays} ngày", $"Certificates expiring within {ExpiringWithinDays} days"),
                expiringCount, [.. expiring.Select(c => Language.Pick($"{c.Number}: hết hạn {date(c.ValidTo)}", $"{c.Number}: expires {date(c.ValidTo)}"))]),
            new("expired", Language.Pick("Chứng nhận đã hết hạn", "Certificates expired"), expired, []),
            new("recalled", Language.Pick("Lô bị thu hồi", "Recalled lots"), recalledCount, [.. recalled.Select(l => $"{l.ProductName} – {l.LotNumber}")]),
            new("unlabelled", Language.Pick("Lô chưa in nhãn", "Lots without a label"), unlabelledCount, [.. unlabelledFirst.Select(l => $"{l.ProductName} – {l.LotNumber}")]),
            new("lots", Language.Pick("Lô đã đăng ký", "Lots registered"), lotCount, []),
        ];
        var week = await Scans.ScanFigures.LastWeekAsync(db, scans, caller.SeesAll ? null : caller.OrganizationId, clock, cancellationToken);
        if (caller.SeesAll)
        {
            cards.Add(new("organizations", Language.Pick("Tổ chức", "Organizations"), await db.Organizations.CountAsync(cancellationToken), []));
            // The registry's latest changes, sign-ins left out: what an inspector may want to look at again.
            var since = clock.GetUtcNow().AddDays(-7);
            var recent = await db.AuditEntries.AsNoTracking().Where(a => a.Entity != "account" && a.At >= since)
                .OrderByDescending(a => a.Id).Take(10)
                .Select(a => new { a.At, a.Entity, a.Action, Holder = db.Organizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Name).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            var recentCount = await db.AuditEntries.CountAsync(a => a.Entity != "account" && a.At >= since, cancellationToken);
            cards.Add(new("recent", Language.Pick("Thay đổi trong 7 ngày", "Changes in the last 7 days"), recentCount,
                [.. recent.Select(a => $"{VietnamTime.Format(a.At)} · {Words.Entity(a.Entity)} {Words.Action(a.Action)} · {a.Holder}")]));
        }

        return new RazorComponentResult<HomePage>(new
        {
            Name = context.User.Identity?.Name ?? "",
            Organization = organization,
            Cards = cards,
            ScansThisWeek = week,
            Notice = welcome == "1" ? Language.Pick("Chào mừng! Tài khoản của bạn đã sẵn sàng.", "Welcome! Your account is ready.") : null,
        });
    }

    /// <summary>The audit record's names, as a person reads them.</summary>
    private static class Words
    {
        public static string Entity(string entity) => entity switch
        {
            "organization" => Language.Pick("tổ chức", "organization"),
            "product" => Language.Pick("sản phẩm", "product"),
            "productionArea" => Language.Pick("vùng sản xuất", "production area"),
            "certificate" => Language.Pick("chứng nhận", "certificate"),
            "lot" => Language.Pick("lô", "lot"),
            "serialBatch" => Language.Pick("đợt cấp sê-ri", "serial batch"),
            "apiToken" => Language.Pick("mã truy cập", "access token"),
            "oneTimeLink" => Language.Pick("liên kết mời", "invitation link"),
            "account" => Language.Pick("tài khoản", "account"),
            _ => entity,
        };

        public static string Action(string action) => action switch
        {
            "created" => Language.Pick("được tạo", "created"),
            "updated" => Language.Pick("được sửa", "updated"),
            "recalled" => Language.Pick("bị thu hồi", "recalled"),
            "suspended" => Language.Pick("bị đình chỉ", "suspended"),
            "revoked" => Language.Pick("bị thu hồi", "revoked"),
            "reinstated" => Language.Pick("được khôi phục", "reinstated"),
            "deleted" => Language.Pick("bị xóa", "deleted"),
            _ => action,
        };
    }
}
