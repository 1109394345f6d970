using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// Written by hand (the EF design-time tools cannot be restored here). Column store types are left
/// out on purpose: EF picks each provider's type from the CLR type, so this one migration builds the
/// same schema on SQLite and PostgreSQL. MigratedSchemaTests proves it equals the model on both.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261122000000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Organizations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                TaxCode = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Gs1CompanyPrefix = table.Column<string>(nullable: true),
                Gln = table.Column<string>(nullable: true),
                Street = table.Column<string>(nullable: true),
                Commune = table.Column<string>(nullable: false),
                Province = table.Column<string>(nullable: false),
                ContactPhone = table.Column<string>(nullable: true),
                ContactEmail = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Organizations", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ApiTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Role = table.Column<string>(nullable: false),
                Hash = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                RevokedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiTokens", x => x.Id);
                table.ForeignKey("FK_ApiTokens_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Products",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Gtin = table.Column<string>(nullable: false),
                NameVi = table.Column<string>(nullable: false),
                NameEn = table.Column<string>(nullable: true),
                Description = table.Column<string>(nullable: true),
                ImageUrl = table.Column<string>(nullable: true),
                Category = table.Column<string>(nullable: true),
                Brand = table.Column<string>(nullable: true),
                Standards = table.Column<string>(nullable: false),
                OcopStars = table.Column<int>(nullable: true),
                ExportMarkets = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Products", x => x.Id);
                table.ForeignKey("FK_Products_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ProductionAreas",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                AreaCode = table.Column<string>(nullable: true),
                Gln = table.Column<string>(nullable: true),
                Commune = table.Column<string>(nullable: false),
                Province = table.Column<string>(nullable: false),
                Latitude = table.Column<double>(nullable: true),
                Longitude = table.Column<double>(nullable: true),
                Hectares = table.Column<decimal>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductionAreas", x => x.Id);
                table.ForeignKey("FK_ProductionAreas_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Certificates",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(nullable: false),
                Number = table.Column<string>(nullable: false),
                Issuer = table.Column<string>(nullable: false),
                ValidFrom = table.Column<DateOnly>(nullable: false),
                ValidTo = table.Column<DateOnly>(nullable: false),
                ProductId = table.Column<Guid>(nullable: true),
                ProductionAreaId = table.Column<Guid>(nullable: true),
                Status = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Certificates", x => x.Id);
                table.ForeignKey("FK_Certificates_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Certificates_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Certificates_ProductionAreas_ProductionAreaId", x => x.ProductionAreaId, "ProductionAreas", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CertificateStatusChanges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CertificateId = table.Column<Guid>(nullable: false),
                From = table.Column<string>(nullable: false),
                To = table.Column<string>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                ChangedByOrganizationId = table.Column<Guid>(nullable: true),
                ChangedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CertificateStatusChanges", x => x.Id);
                table.ForeignKey("FK_CertificateStatusChanges_Certificates_CertificateId", x => x.CertificateId, "Certificates", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Lots",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                LotNumber = table.Column<string>(nullable: false),
                ProductionAreaId = table.Column<Guid>(nullable: true),
                ProductionDate = table.Column<DateOnly>(nullable: true),
                PackingDate = table.Column<DateOnly>(nullable: true),
                ExpiryDate = table.Column<DateOnly>(nullable: true),
                BestBeforeDate = table.Column<DateOnly>(nullable: true),
                QuantityValue = table.Column<decimal>(nullable: true),
                QuantityUnit = table.Column<string>(nullable: true),
                Status = table.Column<string>(nullable: false),
                RecallReason = table.Column<string>(nullable: true),
                RecalledAt = table.Column<DateTimeOffset>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Lots", x => x.Id);
                table.ForeignKey("FK_Lots_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Lots_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Lots_ProductionAreas_ProductionAreaId", x => x.ProductionAreaId, "ProductionAreas", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_Organizations_TaxCode", "Organizations", "TaxCode", unique: true);
        migrationBuilder.CreateIndex("IX_ApiTokens_Hash", "ApiTokens", "Hash", unique: true);
        migrationBuilder.CreateIndex("IX_ApiTokens_OrganizationId", "ApiTokens", "OrganizationId");
        migrationBuilder.CreateIndex("IX_Products_Gtin", "Products", "Gtin", unique: true);
        migrationBuilder.CreateIndex("IX_Products_OrganizationId", "Products", "OrganizationId");
        migrationBuilder.CreateIndex("IX_ProductionAreas_OrganizationId", "ProductionAreas", "OrganizationId");
        migrationBuilder.CreateIndex("IX_Certificates_OrganizationId", "Certificates", "OrganizationId");
        migrationBuilder.CreateIndex("IX_Certificates_ProductId", "Certificates", "ProductId");
        migrationBuilder.CreateIndex("IX_Certificates_ProductionAreaId", "Certificates", "ProductionAreaId");
        migrationBuilder.CreateIndex("IX_Certificates_Type_Number_Issuer", "Certificates", ["Type", "Number", "Issuer"], unique: true);
        migrationBuilder.CreateIndex("IX_CertificateStatusChanges_CertificateId", "CertificateStatusChanges", "CertificateId");
        migrationBuilder.CreateIndex("IX_Lots_OrganizationId", "Lots", "OrganizationId");
        migrationBuilder.CreateIndex("IX_Lots_ProductId_LotNumber", "Lots", ["ProductId", "LotNumber"], unique: true);
        migrationBuilder.CreateIndex("IX_Lots_ProductionAreaId", "Lots", "ProductionAreaId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "Lots", "CertificateStatusChanges", "Certificates", "ProductionAreas", "Products", "ApiTokens", "Organizations" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
