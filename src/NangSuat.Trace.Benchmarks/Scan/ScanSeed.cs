using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Api.Serials;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Benchmarks.Scan;

/// <summary>A lot as a label names it: the 14-digit GTIN and the lot number (letters, digits and '-', so a path needs no escaping).</summary>
public sealed record LotKey(string Gtin, string Lot)
{
    public string ResolverPath => $"/01/{Gtin}/10/{Lot}";

    public string PagePath => $"/san-pham/{Gtin}/lo/{Lot}";
}

/// <summary>
/// A provincial registry of realistic shape: tens of producers with ten products each, a few areas
/// each, certificates on the organization, on products and on areas (about ten an organization),
/// lots spread evenly over the products, and serials issued through the production writer.
/// </summary>
public static class ScanSeed
{
    public const int Organizations = 40;
    public const int ProductsPerOrganization = 10;
    public const int AreasPerOrganization = 4;
    public const int SerialsPerLot = 10_000;

    private static readonly string[] Goods = ["Chè Shan tuyết", "Mận hậu sấy dẻo", "Cà phê Arabica", "Gạo nếp Tú Lệ", "Mật ong bạc hà", "Xoài tròn Yên Châu", "Măng tre Bát Độ", "Thịt trâu gác bếp", "Nhãn chín muộn", "Rượu ngô men lá"];
    private static readonly string[] Places = ["Mộc Châu", "Yên Châu", "Mai Sơn", "Thuận Châu", "Sông Mã", "Phù Yên", "Bắc Yên", "Quỳnh Nhai"];

    /// <summary>Writes the registry and returns every lot, in the order written.</summary>
    public static async Task<List<LotKey>> SeedAsync(TraceDb db, int lotCount, int serialCount, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // What the service sets at start; the older build does not, and both should read the same file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var products = new List<Product>();
        var areasByOrganization = new Dictionary<Guid, List<ProductionArea>>();
        for (var o = 0; o < Organizations; o++)
        {
            var place = Places[o % Places.Length];
            var organization = new Organization
            {
                Id = Guid.CreateVersion7(now), Name = $"Hợp tác xã Nông nghiệp {place} số {o + 1}", TaxCode = $"55{o + 1:D8}",
                Kind = o % 3 == 0 ? OrganizationKind.Enterprise : OrganizationKind.Cooperative, Gs1CompanyPrefix = $"8936{100 + o:D3}",
                Street = $"Tiểu khu {o % 20 + 1}", Commune = $"Xã {place}", Province = "Sơn La", ContactPhone = $"0212 38{o:D2} 123",
                CreatedAt = now, UpdatedAt = now, Version = 1,
            };
            db.Add(organization);
            db.Add(Certificate(organization.Id, CertificateType.Iso22000, $"ISO22000-{o:D3}", today, null, null, now));
            var areas = areasByOrganization[organization.Id] = [];
            for (var a = 0; a < AreasPerOrganization; a++)
            {
                var area = new ProductionArea
                {
                    Id = Guid.CreateVersion7(now), OrganizationId = organization.Id, Name = $"Đồi {place} {a + 1}", AreaCode = $"VN-SLCT-{o:D2}{a:D2}",
                    Commune = $"Xã {place}", Province = "Sơn La", Latitude = 21.0 + o * 0.01, Longitude = 104.0 + a * 0.01, Hectares = 5.5m + a,
                    CreatedAt = now, UpdatedAt = now, Version = 1,
                };
                areas.Add(area);
                db.Add(area);
                db.Add(Certificate(organization.Id, CertificateType.VietGap, $"VietGAP-TT-{o:D3}-{a:D2}", today, null, area.Id, now));
            }

            for (var p = 0; p < ProductsPerOrganization; p++)
            {
                var good = Goods[(o + p) % Goods.Length];
                var product = new Product
                {
                    Id = Guid.CreateVersion7(now), OrganizationId = organization.Id, Gtin = "0" + CheckDigit.Append($"8936{100 + o:D3}{p + 1:D5}"),
                    NameVi = $"{good} {place}", NameEn = $"{place} product {p + 1}", Category = "Nông sản", Brand = $"{place} Xanh",
                    Description = $"{good} trồng và chế biến tại {place}, Sơn La, theo quy trình VietGAP; đóng gói tại hợp tác xã, truy xuất theo từng lô.",
                    Standards = ["TCVN 9740:2013", "QCVN 8-2:2011/BYT"], OcopStars = p % 3 == 0 ? 4 : null, ExportMarkets = p % 2 == 0 ? ["JP", "EU"] : [],
                    CreatedAt = now, UpdatedAt = now, Version = 1,
                };
                products.Add(product);
                db.Add(product);
                if (p % 2 == 0)
                {
                    db.Add(Certificate(organization.Id, CertificateType.Ocop, $"OCOP-SL-{o:D3}-{p:D2}", today, product.Id, null, now));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var registered = clock.Elapsed;

        // Lots round-robin over the products, written in chunks with the change tracker cleared between them.
        var lots = new List<LotKey>(lotCount);
        var lotIds = new List<(Guid Id, Guid ProductId, Guid OrganizationId)>(lotCount);
        const int Chunk = 5000;
        for (var start = 0; start < lotCount; start += Chunk)
        {
            for (var n = start; n < Math.Min(lotCount, start + Chunk); n++)
            {
                var product = products[n % products.Count];
                var sequence = n / products.Count;
                var made = today.AddDays(-(sequence % 700));
                var areas = areasByOrganization[product.OrganizationId];
                var lot = new Lot
                {
                    Id = Guid.CreateVersion7(now), OrganizationId = product.OrganizationId, ProductId = product.Id,
                    LotNumber = LotNumber(n % products.Count, made, sequence), ProductionAreaId = n % 5 == 4 ? null : areas[sequence % areas.Count].Id,
                    ProductionDate = made, PackingDate = made.AddDays(2), BestBeforeDate = made.AddMonths(18), QuantityValue = 100 + sequence % 900,
                    QuantityUnit = "kg", Status = n % 100 == 37 ? LotStatus.Recalled : LotStatus.Active,
                    RecallReason = n % 100 == 37 ? "Phát hiện bao bì bị hở, có nguy cơ nhiễm ẩm." : null, RecalledAt = n % 100 == 37 ? now : null,
                    CreatedAt = now, UpdatedAt = now, Version = 1,
                };
                db.Add(lot);
                lots.Add(new LotKey(product.Gtin, lot.LotNumber));
                lotIds.Add((lot.Id, lot.ProductId, lot.OrganizationId));
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var lotsWritten = clock.Elapsed;

        // Serials as producers issue them: ten thousand for every thousandth lot, one request's batch each.
        var remaining = serialCount;
        for (var n = 0; remaining > 0 && n < lotIds.Count; n += Math.Max(1, lotIds.Count / Math.Max(1, serialCount / SerialsPerLot)))
        {
            var (lotId, productId, organizationId) = lotIds[n];
            var batch = new SerialBatch { Id = Guid.CreateVersion7(now), OrganizationId = organizationId, LotId = lotId, Count = Math.Min(SerialsPerLot, remaining), CreatedAt = now, Version = 1 };
            if (!await SerialWriter.TryWriteAsync(db, batch, productId, cancellationToken))
            {
                throw new InvalidOperationException("A serial collided; run again.");
            }

            remaining -= batch.Count;
            db.ChangeTracker.Clear();
        }

        Console.WriteLine($"  seeded in {clock.Elapsed.TotalSeconds:N0} s: {Organizations} organizations, {products.Count} products, {Organizations * AreasPerOrganization} areas, "
            + $"{Organizations * (1 + AreasPerOrganization + (ProductsPerOrganization + 1) / 2)} certificates ({registered.TotalSeconds:N1} s); "
            + $"{lotCount:N0} lots ({(lotsWritten - registered).TotalSeconds:N1} s); {serialCount - remaining:N0} serials ({(clock.Elapsed - lotsWritten).TotalSeconds:N1} s)");
        return lots;
    }

    /// <summary>As producers print them (MC2611A): a product's two letters, the month, and the lot's sequence; distinct per product, as the registry requires.</summary>
    private static string LotNumber(int product, DateOnly made, int sequence) =>
        $"{(char)('A' + product / 26 % 26)}{(char)('A' + product % 26)}{made:yyMM}{sequence:D3}";

    private static Certificate Certificate(Guid organizationId, CertificateType type, string number, DateOnly today, Guid? productId, Guid? areaId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), OrganizationId = organizationId, Type = type, Number = number, Issuer = "Trung tâm Chứng nhận Sơn La",
        ValidFrom = today.AddYears(-1), ValidTo = today.AddYears(2), ProductId = productId, ProductionAreaId = areaId,
        Status = CertificateStatus.Active, CreatedAt = now, UpdatedAt = now, Version = 1,
    };
}
