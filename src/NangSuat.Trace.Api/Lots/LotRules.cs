using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Lots;

/// <summary>
/// The organization's products and areas read once beforehand, for a caller that checks many lots at
/// a time (an import of 10,000 rows); without it each lot asks the database for its own.
/// </summary>
public sealed record LotLookups(IReadOnlyDictionary<string, Product> ProductsByGtin, IReadOnlyDictionary<Guid, string> AreaNames)
{
    public static async Task<LotLookups> ReadAsync(TraceDb db, Guid organizationId, CancellationToken cancellationToken) => new(
        await db.Products.AsNoTracking().Where(p => p.OrganizationId == organizationId).ToDictionaryAsync(p => p.Gtin, cancellationToken),
        await db.ProductionAreas.AsNoTracking().Where(a => a.OrganizationId == organizationId).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken));
}

/// <summary>What a lot must be and how it is recalled, for the API and the portal's forms alike.</summary>
public static class LotRules
{
    /// <summary>A new lot of one of the organization's products, or null with the reasons in <paramref name="errors"/>.</summary>
    public static async Task<(Lot? Lot, Product? Product)> CreateAsync(
        LotRequest request, Guid organizationId, TraceDb db, DateTimeOffset now, FieldErrors errors, CancellationToken cancellationToken, LotLookups? known = null)
    {
        var gtin = errors.Gs1("gtin", Gs1Keys.Gtin(request.Gtin));
        var lotNumber = errors.Gs1("lotNumber", Cset82.Validate(request.LotNumber?.Trim(), "lotNumber"));
        var product = gtin is null ? null
            : known is not null ? known.ProductsByGtin.GetValueOrDefault(gtin)
            : await db.Products.FirstOrDefaultAsync(p => p.Gtin == gtin && p.OrganizationId == organizationId, cancellationToken);
        if (gtin is not null && product is null)
        {
            errors.Add("gtin", $"tổ chức của bạn chưa đăng ký sản phẩm có GTIN {gtin}", $"your organization has no product with GTIN {gtin}");
        }

        var lot = new Lot
        {
            Id = Guid.CreateVersion7(now), OrganizationId = organizationId, ProductId = product?.Id ?? Guid.Empty, LotNumber = lotNumber ?? "",
            Status = LotStatus.Active, CreatedAt = now,
        };
        return await ApplyAsync(request, lot, db, now, errors, cancellationToken, known) ? (lot, product) : (null, product);
    }

    /// <summary>Corrects a lot when every field is valid; what is printed on its labels (GTIN, lot number) cannot change.</summary>
    public static async Task<bool> ChangeAsync(
        LotRequest request, Lot lot, string gtin, TraceDb db, DateTimeOffset now, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (request.Gtin is not null && Gs1Keys.Gtin(request.Gtin).Value != gtin)
        {
            errors.Add("gtin", "không thể đổi GTIN của lô đã in nhãn", "a lot's GTIN cannot change once registered");
        }

        if (request.LotNumber is not null && request.LotNumber.Trim() != lot.LotNumber)
        {
            errors.Add("lotNumber", "không thể đổi số lô đã in trên nhãn; hãy đăng ký lô mới", "a lot number printed on labels cannot change; register a new lot");
        }

        return await ApplyAsync(request, lot, db, now, errors, cancellationToken);
    }

    /// <summary>Recalls the lot with the reason; false with the reason in <paramref name="errors"/> when the request is invalid.</summary>
    public static bool Recall(RecallRequest request, Lot lot, DateTimeOffset now, FieldErrors errors)
    {
        var reason = errors.Required("reason", request.Reason, 1000);
        if (errors.Any)
        {
            return false;
        }

        (lot.Status, lot.RecallReason, lot.RecalledAt, lot.UpdatedAt) = (LotStatus.Recalled, reason, now, now);
        return true;
    }

    private static async Task<bool> ApplyAsync(LotRequest request, Lot lot, TraceDb db, DateTimeOffset now, FieldErrors errors, CancellationToken cancellationToken, LotLookups? known = null)
    {
        if (request.ProductionAreaId is { } areaId
            && !(known?.AreaNames.ContainsKey(areaId) ?? await db.ProductionAreas.AnyAsync(a => a.Id == areaId && a.OrganizationId == lot.OrganizationId, cancellationToken)))
        {
            errors.Add("productionAreaId", "tổ chức của bạn không có vùng sản xuất này", "your organization has no such production area");
        }

        if (request is { ProductionDate: { } produced, PackingDate: { } packed } && packed < produced)
        {
            errors.Add("packingDate", "ngày đóng gói không được trước ngày sản xuất/thu hoạch", "must not be before productionDate");
        }

        if (request is { ExpiryDate: not null, BestBeforeDate: not null })
        {
            errors.Add("expiryDate", "chỉ ghi một trong hai: hạn sử dụng (expiryDate) hoặc sử dụng tốt nhất trước (bestBeforeDate)",
                "give expiryDate or bestBeforeDate, not both");
        }

        var ends = request.ExpiryDate ?? request.BestBeforeDate;
        var starts = request.PackingDate ?? request.ProductionDate;
        if (ends is { } end && starts is { } start && end < start)
        {
            errors.Add(request.ExpiryDate is not null ? "expiryDate" : "bestBeforeDate", "hạn dùng không được trước ngày sản xuất/đóng gói",
                "must not be before the production or packing date");
        }

        // A label carries dates as YYMMDD (AI 11, 13, 15, 17): only 2000-2099 can be printed (GS1 reads 00-49 as 20xx and 50-99 as 19xx around today).
        foreach (var (field, date) in new[] { ("productionDate", request.ProductionDate), ("packingDate", request.PackingDate), ("expiryDate", request.ExpiryDate), ("bestBeforeDate", request.BestBeforeDate) })
        {
            if (date is { Year: < 2000 or > 2099 })
            {
                errors.Add(field, "phải trong khoảng năm 2000 đến 2099 để in được trên nhãn", "must be between the years 2000 and 2099 to be printed on a label");
            }
        }

        var unit = request.Quantity is null ? null : errors.Required("quantity.unit", request.Quantity.Unit, 20);
        if (request.Quantity is { Value: not > 0 } && !errors.Has("quantity.value"))
        {
            errors.Add("quantity.value", "số lượng phải lớn hơn 0", "must be more than 0");
        }
        else if (request.Quantity is { Value: > 1_000_000_000 })
        {
            errors.Add("quantity.value", "số lượng tối đa 1.000.000.000", "must be at most 1,000,000,000");
        }

        if (errors.Any)
        {
            return false;
        }

        (lot.ProductionAreaId, lot.ProductionDate, lot.PackingDate) = (request.ProductionAreaId, request.ProductionDate, request.PackingDate);
        (lot.ExpiryDate, lot.BestBeforeDate, lot.UpdatedAt) = (request.ExpiryDate, request.BestBeforeDate, now);
        (lot.QuantityValue, lot.QuantityUnit) = (request.Quantity?.Value, unit);
        return true;
    }
}
