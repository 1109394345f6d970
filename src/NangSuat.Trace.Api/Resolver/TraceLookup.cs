using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Products;

namespace NangSuat.Trace.Api.Resolver;

/// <summary>Everything a scan shows about a product, or a lot of it: producer, area and the certificates that apply.</summary>
public sealed record TraceView(Product Product, Lot? Lot, IReadOnlyList<Certificate> Certificates);

public static class TraceLookup
{
    /// <summary>Null when the GTIN is unknown; <see cref="TraceView.Lot"/> null when the lot is unknown or not asked for.</summary>
    public static async Task<TraceView?> FindTraceAsync(this TraceDb db, string gtin14, string? lotNumber, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Organization).FirstOrDefaultAsync(p => p.Gtin == gtin14, cancellationToken);
        if (product is null)
        {
            return null;
        }

        var lot = lotNumber is null ? null : await db.Lots.AsNoTracking().Include(l => l.ProductionArea)
            .FirstOrDefaultAsync(l => l.ProductId == product.Id && l.LotNumber == lotNumber, cancellationToken);
        var areaId = lot?.ProductionAreaId;
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.OrganizationId == product.OrganizationId
                && ((c.ProductId == null && c.ProductionAreaId == null) || c.ProductId == product.Id || (areaId != null && c.ProductionAreaId == areaId)))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return new TraceView(product, lot, certificates);
    }
}
