using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;

namespace NangSuat.Trace.Api.Public;

/// <summary>What choosing a link needs to know of a product: no more than one indexed read.</summary>
public sealed record ScanTarget(Guid ProductId, Guid OrganizationId, string Gtin, string NameVi, string? NameEn, ScanLot? Lot);

public sealed record ScanLot(Guid Id, string LotNumber, LotStatus Status, Guid? ProductionAreaId);

/// <summary>Everything a public page shows, read in one query.</summary>
public sealed class PageView
{
    public required Product Product { get; init; }
    public required Organization Organization { get; init; }

    /// <summary>The lot of a lot page; null on a product page.</summary>
    public Lot? Lot { get; init; }
    public ProductionArea? Area { get; init; }

    /// <summary>On a product page with a lot to check: whether the producer registered that lot.</summary>
    public bool LotRegistered { get; init; }

    /// <summary>
    /// All the organization's certificates: a filter on the product or the area would need a
    /// correlated subquery SQLite cannot run, and an organization holds tens, not thousands.
    /// </summary>
    public List<Certificate> Certificates { get; init; } = [];

    /// <summary>The certificates that cover what the page is about: the organization, the product, and on a lot page the lot's area.</summary>
    public IEnumerable<Certificate> Applicable => Certificates.Where(c => c.AppliesTo(Product.Id, Product.Group, Lot?.ProductionAreaId)).OrderBy(c => c.Id);
}

/// <summary>
/// The reads of the public scan path, compiled once: a scan's 307 and its page each take one query
/// (a serial-level scan adds what checking the serial takes).
/// </summary>
public static class ScanLookup
{
    // From the lot's side when a lot is asked for: two index seeks (the GTIN, then product and lot number).
    private static readonly CompiledQuery<Func<TraceDb, string, string, Task<ScanTarget?>>> LotTargetQuery = new(() => EF.CompileAsyncQuery(
        (TraceDb db, string gtin, string lot) => db.Lots.AsNoTracking()
            .Where(l => l.LotNumber == lot && l.Product!.Gtin == gtin)
            .Select(l => new ScanTarget(l.ProductId, l.OrganizationId, l.Product!.Gtin, l.Product.NameVi, l.Product.NameEn,
                new ScanLot(l.Id, l.LotNumber, l.Status, l.ProductionAreaId)))
            .FirstOrDefault()));

    private static readonly CompiledQuery<Func<TraceDb, string, Task<ScanTarget?>>> ProductTargetQuery = new(() => EF.CompileAsyncQuery(
        (TraceDb db, string gtin) => db.Products.AsNoTracking()
            .Where(p => p.Gtin == gtin)
            .Select(p => new ScanTarget(p.Id, p.OrganizationId, p.Gtin, p.NameVi, p.NameEn, null))
            .FirstOrDefault()));

    // Read from the lot's side, so the product, producer and area are plain joins on every provider.
    private static readonly CompiledQuery<Func<TraceDb, string, string, Task<PageView?>>> LotPageQuery = new(() => EF.CompileAsyncQuery(
        (TraceDb db, string gtin, string lot) => db.Lots.AsNoTracking()
            .Where(l => l.LotNumber == lot && l.Product!.Gtin == gtin)
            .Select(l => new PageView
            {
                Product = l.Product!,
                Organization = l.Product!.Organization!,
                Lot = l,
                Area = l.ProductionArea,
                LotRegistered = true,
                Certificates = db.Certificates.Where(c => c.OrganizationId == l.OrganizationId).Include(c => c.History).ToList(),
            })
            .FirstOrDefault()));

    private static readonly CompiledQuery<Func<TraceDb, string, string?, Task<PageView?>>> ProductPageQuery = new(() => EF.CompileAsyncQuery(
        (TraceDb db, string gtin, string? lot) => db.Products.AsNoTracking()
            .Where(p => p.Gtin == gtin)
            .Select(p => new PageView
            {
                Product = p,
                Organization = p.Organization!,
                LotRegistered = lot != null && db.Lots.Any(l => l.ProductId == p.Id && l.LotNumber == lot),
                Certificates = db.Certificates.Where(c => c.OrganizationId == p.OrganizationId).Include(c => c.History).ToList(),
            })
            .FirstOrDefault()));

    private static readonly CompiledQuery<Func<TraceDb, Guid, string, Task<Guid?>>> SerialLotQuery = new(() => EF.CompileAsyncQuery(
        (TraceDb db, Guid productId, string serial) => db.SerialNumbers
            .Where(s => s.ProductId == productId && s.Value == serial)
            .Select(s => (Guid?)s.LotId)
            .FirstOrDefault()));

    /// <summary>The product of a GTIN and, when asked for, its lot; null when the GTIN is not registered.</summary>
    /// <remarks>A registered lot takes one query; only a lot the producer never registered takes a second, for its product.</remarks>
    public static async Task<ScanTarget?> FindTargetAsync(this TraceDb db, string gtin14, string? lot) =>
        (lot is null ? null : await LotTargetQuery.For(db)(db, gtin14, lot)) ?? await ProductTargetQuery.For(db)(db, gtin14);

    /// <summary>A lot page; null when the GTIN has no such lot.</summary>
    public static Task<PageView?> FindLotPageAsync(this TraceDb db, string gtin14, string lot) => LotPageQuery.For(db)(db, gtin14, lot);

    /// <summary>A product page, telling whether <paramref name="lot"/> (when given) is registered; null when the GTIN is not.</summary>
    public static Task<PageView?> FindProductPageAsync(this TraceDb db, string gtin14, string? lot) => ProductPageQuery.For(db)(db, gtin14, lot);

    /// <summary>The lot a serial was issued for, or null when the producer never issued it for this product.</summary>
    public static Task<Guid?> FindSerialLotAsync(this TraceDb db, Guid productId, string serial) => SerialLotQuery.For(db)(db, productId, serial);

    /// <summary>Whether the producer issues serials at all for the lot (or, without a lot, the product): only then is an unknown serial a warning sign.</summary>
    public static Task<bool> IssuesSerialsAsync(this TraceDb db, Guid productId, Guid? lotId, CancellationToken cancellationToken) =>
        lotId is { } id
            ? db.SerialNumbers.AnyAsync(s => s.LotId == id, cancellationToken)
            : db.SerialNumbers.AnyAsync(s => s.ProductId == productId, cancellationToken);

    public static Task<ScanLot?> FindLotByIdAsync(this TraceDb db, Guid lotId, CancellationToken cancellationToken) =>
        db.Lots.AsNoTracking().Where(l => l.Id == lotId).Select(l => new ScanLot(l.Id, l.LotNumber, l.Status, l.ProductionAreaId)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The certificates a linkset lists: those the page of the product or lot shows, with their status history for the chain.</summary>
    public static async Task<List<Certificate>> CertificatesForAsync(this TraceDb db, ScanTarget target, CancellationToken cancellationToken)
    {
        var group = await db.Products.Where(p => p.Id == target.ProductId).Select(p => p.Group).FirstOrDefaultAsync(cancellationToken);
        var held = await db.Certificates.AsNoTracking().Include(c => c.History).Where(c => c.OrganizationId == target.OrganizationId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. held.Where(c => c.AppliesTo(target.ProductId, group, target.Lot?.ProductionAreaId))];
    }
}
