using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.CertificationBodies;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Demo;

/// <summary>A small, realistic data set so a newcomer can scan a label within a minute of the first start.</summary>
public static partial class DemoData
{
    public const string CompanyPrefix = "8936099";
    public static readonly string TeaGtin = "0" + CheckDigit.Append(CompanyPrefix + "00012");
    public static readonly string PlumGtin = "0" + CheckDigit.Append(CompanyPrefix + "00029");
    public const string TeaLot = "MC2611A";
    public const string PlumLot = "MC2605R";

    /// <summary>The demo accounts' password, printed in the README: a demo portal is for trying, never for real records.</summary>
    public const string DemoPassword = "thu-cong-truy-xuat";
    public const string AdminEmail = "quantri@demo.truyxuat.vn";
    public const string ProducerEmail = "htx@demo.truyxuat.vn";
    public const string InspectorEmail = "thanhtra@demo.truyxuat.vn";

    public static async Task SeedAsync(TraceDb db, TimeProvider clock, IPasswordHasher<Account> hasher, ILogger logger, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var coop = new Organization
        {
            Id = Guid.CreateVersion7(now), Name = "Hợp tác xã Nông nghiệp Chè Mộc Châu", TaxCode = "5500123457", Kind = OrganizationKind.Cooperative,
            Gs1CompanyPrefix = CompanyPrefix, Street = "Tiểu khu 19/5", Commune = "Phường Mộc Châu", Province = "Sơn La",
            ContactPhone = "0212 3866 123", CreatedAt = now, UpdatedAt = now,
        };
        var hill = new ProductionArea
        {
            Id = Guid.CreateVersion7(now), OrganizationId = coop.Id, Name = "Đồi chè Tân Lập", AreaCode = "VN-SLCT-0012", Commune = "Xã Tân Lập",
            Province = "Sơn La", Latitude = 20.8436, Longitude = 104.6612, Hectares = 12.5m, CreatedAt = now, UpdatedAt = now,
        };
        var tea = new Product
        {
            Id = Guid.CreateVersion7(now), OrganizationId = coop.Id, Gtin = TeaGtin, NameVi = "Chè Shan tuyết Mộc Châu", NameEn = "Moc Chau Shan Tuyet tea",
            Description = "Chè búp Shan tuyết hái tay trên đồi cao 1.000 m, sao khô thủ công.", Category = "Chè", Brand = "Chè Mộc Châu",
            Standards = ["TCVN 9740:2013", "QCVN 8-2:2011/BYT"], OcopStars = 4, ExportMarkets = ["JP", "EU"], Group = "crop", CreatedAt = now, UpdatedAt = now,
        };
        var plum = new Product
        {
            Id = Guid.CreateVersion7(now), OrganizationId = coop.Id, Gtin = PlumGtin, NameVi = "Mận hậu sấy dẻo", NameEn = "Dried Hau plums",
            Category = "Trái cây sấy", Brand = "Chè Mộc Châu", OcopStars = 3, Group = "processedFood", CreatedAt = now, UpdatedAt = now,
        };
        var department = new Organization
        {
            Id = Guid.CreateVersion7(now), Name = "Sở Khoa học và Công nghệ tỉnh Sơn La", TaxCode = "5500158629", Kind = OrganizationKind.Authority,
            Street = "Đường Tô Hiệu", Commune = "Phường Tô Hiệu", Province = "Sơn La", ContactPhone = "0212 3852 024", CreatedAt = now, UpdatedAt = now,
        };
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // The registry: a VietGAP body designated by the ministry's department and the province's OCOP council, so the demo's chains hold.
        var vietGapBody = new CertificationBody
        {
            Id = Guid.CreateVersion7(now), Name = "Trung tâm Chứng nhận VietGAP", Code = "VietGAP-TT-13-05", TaxCode = "0101234568",
            Address = "Số 10 Nguyễn Công Hoan, Ba Đình, Hà Nội", Status = RegistryStatus.Active, CreatedAt = now, UpdatedAt = now,
            Designations =
            [
                new Designation
                {
                    Id = Guid.CreateVersion7(now), Authority = "Cục Trồng trọt, Bộ Nông nghiệp và Môi trường", DecisionNumber = "123/QĐ-TT-CLT",
                    DecisionDate = today.AddYears(-3).AddDays(-5), Standards = ["vietGap"], Scopes = ["crop"], ValidFrom = today.AddYears(-3), ValidTo = today.AddYears(2),
                    Status = RegistryStatus.Active, CreatedAt = now, UpdatedAt = now,
                },
            ],
        };
        var ocopCouncil = new CertificationBody
        {
            Id = Guid.CreateVersion7(now), Name = "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Sơn La", Code = "OCOP-SL", TaxCode = "5500158629-001",
            Address = "Số 1 Chu Văn Thịnh, Phường Tô Hiệu, Sơn La", Status = RegistryStatus.Active, CreatedAt = now, UpdatedAt = now,
            Designations =
            [
                new Designation
                {
                    Id = Guid.CreateVersion7(now), Authority = "Ủy ban nhân dân tỉnh Sơn La", DecisionNumber = "2105/QĐ-UBND", DecisionDate = today.AddYears(-4),
                    Standards = ["ocop"], Scopes = ["crop", "processedFood", "beverage"], ValidFrom = today.AddYears(-4), Status = RegistryStatus.Active,
                    CreatedAt = now, UpdatedAt = now,
                },
            ],
        };
        db.AddRange(coop, department, hill, tea, plum, vietGapBody, ocopCouncil);
        db.AddRange(
            DemoAccount(AdminEmail, "Quản trị viên (demo)", AccountRole.Admin, department.Id, false, hasher, now),
            DemoAccount(InspectorEmail, "Thanh tra viên (demo)", AccountRole.Inspector, department.Id, false, hasher, now),
            DemoAccount(ProducerEmail, "Nguyễn Thị Lan (HTX, demo)", AccountRole.Producer, coop.Id, true, hasher, now));
        db.AddRange(
            new Certificate
            {
                Id = Guid.CreateVersion7(now), OrganizationId = coop.Id, Type = CertificateType.VietGap, Number = "VietGAP-TT-13-05-14-0012",
                Issuer = vietGapBody.Name, BodyId = vietGapBody.Id, IssuedOn = today.AddYears(-1), ValidFrom = today.AddYears(-1), ValidTo = today.AddYears(2),
                ProductionAreaId = hill.Id, Status = CertificateStatus.Active, CreatedAt = now, UpdatedAt = now,
            },
            new Certificate
            {
                Id = Guid.CreateVersion7(now), OrganizationId = coop.Id, Type = CertificateType.Ocop, Number = "OCOP-SL-2024-118",
                Issuer = ocopCouncil.Name, BodyId = ocopCouncil.Id, IssuedOn = today.AddYears(-2), OcopStars = 4, ValidFrom = today.AddYears(-2), ValidTo = today.AddYears(1),
                ProductId = tea.Id, Status = CertificateStatus.Active, CreatedAt = now, UpdatedAt = now,
            },
            new Certificate
            {
                // Registered before the registry, its issuer typed as text: its page says it cannot be verified until an inspector links it.
                Id = Guid.CreateVersion7(now), OrganizationId = coop.Id, Type = CertificateType.Haccp, Number = "HACCP-2025-0456",
                Issuer = "Công ty Chứng nhận Quốc tế ABC", ValidFrom = today.AddYears(-1), ValidTo = today.AddYears(2), ProductId = plum.Id,
                Status = CertificateStatus.Active, CreatedAt = now, UpdatedAt = now,
            },
            new Lot
            {
                Id = Guid.CreateVersion7(now), OrganizationId = coop.Id, ProductId = tea.Id, LotNumber = TeaLot, ProductionAreaId = hill.Id,
                ProductionDate = today.AddDays(-10), PackingDate = today.AddDays(-8), BestBeforeDate = today.AddMonths(18),
                QuantityValue = 850, QuantityUnit = "kg", Status = LotStatus.Active, CreatedAt = now, UpdatedAt = now,
            },
            new Lot
            {
                Id = Guid.CreateVersion7(now), OrganizationId = coop.Id, ProductId = plum.Id, LotNumber = PlumLot, ProductionDate = today.AddMonths(-5),
                PackingDate = today.AddMonths(-5), ExpiryDate = today.AddMonths(7), QuantityValue = 1200, QuantityUnit = "hộp",
                Status = LotStatus.Recalled, RecallReason = "Phát hiện bao bì bị hở, có nguy cơ nhiễm ẩm.", RecalledAt = now, CreatedAt = now, UpdatedAt = now,
            });
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, TeaGtin, TeaLot, PlumGtin, PlumLot);
        LogAccounts(logger, AdminEmail, ProducerEmail, InspectorEmail, DemoPassword);
    }

    private static Account DemoAccount(string email, string name, AccountRole role, Guid organizationId, bool owner, IPasswordHasher<Account> hasher, DateTimeOffset now)
    {
        var account = new Account
        {
            Id = Guid.CreateVersion7(now), OrganizationId = organizationId, Email = email, DisplayName = name, Role = role, IsOwner = owner,
            PasswordHash = "", SecurityStamp = Guid.NewGuid(), CreatedAt = now,
        };
        account.PasswordHash = hasher.HashPassword(account, DemoPassword);
        return account;
    }

    [LoggerMessage(LogLevel.Information, "Demo portal accounts (password {Password}): {Admin} (administrator), {Producer} (producer), {Inspector} (inspector); sign in at /portal/dang-nhap.")]
    private static partial void LogAccounts(ILogger logger, string admin, string producer, string inspector, string password);

    [LoggerMessage(LogLevel.Information, "Demo data loaded. Scan or open /01/{TeaGtin}/10/{TeaLot} (tea lot) and /01/{PlumGtin}/10/{PlumLot} (a recalled lot).")]
    private static partial void LogSeeded(ILogger logger, string teaGtin, string teaLot, string plumGtin, string plumLot);
}
