using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// What the portal's pages keep beyond the registry: certificate scans as evidence, scans of labels
/// per GTIN and day, when a lot was first labelled, and how far a background serial batch has got.
/// Batches written before were written whole, so they count as fully issued.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261125000000_PortalRecords")]
public sealed class PortalRecords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CertificateEvidence",
            columns: table => new
            {
                CertificateId = table.Column<Guid>(nullable: false),
                FileName = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
                Bytes = table.Column<byte[]>(nullable: false),
                Sha256 = table.Column<string>(nullable: false),
                UploadedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CertificateEvidence", x => x.CertificateId);
                table.ForeignKey("FK_CertificateEvidence_Certificates_CertificateId", x => x.CertificateId, "Certificates", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ScanDays",
            columns: table => new
            {
                Gtin = table.Column<string>(nullable: false),
                Day = table.Column<DateOnly>(nullable: false),
                Count = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ScanDays", x => new { x.Gtin, x.Day }));
        migrationBuilder.CreateIndex(name: "IX_ScanDays_Day", table: "ScanDays", column: "Day");

        migrationBuilder.AddColumn<DateTimeOffset>(name: "LabelledAt", table: "Lots", nullable: true);
        migrationBuilder.AddColumn<int>(name: "Issued", table: "SerialBatches", nullable: false, defaultValue: 0);
        migrationBuilder.Sql("UPDATE \"SerialBatches\" SET \"Issued\" = \"Count\"");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Issued", table: "SerialBatches");
        migrationBuilder.DropColumn(name: "LabelledAt", table: "Lots");
        migrationBuilder.DropTable("ScanDays");
        migrationBuilder.DropTable("CertificateEvidence");
    }
}
