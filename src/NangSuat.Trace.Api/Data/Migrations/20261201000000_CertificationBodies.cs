using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// The registry of certification bodies, their designations (who designated them, by which decision,
/// for which standards and product groups, from when to when) and the status history of both.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261201000000_CertificationBodies")]
public sealed class CertificationBodies : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CertificationBodies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Code = table.Column<string>(nullable: false),
                TaxCode = table.Column<string>(nullable: false),
                Address = table.Column<string>(nullable: false),
                ContactPhone = table.Column<string>(nullable: true),
                ContactEmail = table.Column<string>(nullable: true),
                Status = table.Column<string>(nullable: false),
                StatusReason = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
                Version = table.Column<int>(nullable: false),
                SearchKey = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CertificationBodies", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CertificationBodies_Code", table: "CertificationBodies", column: "Code", unique: true);

        migrationBuilder.CreateTable(
            name: "Designations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                BodyId = table.Column<Guid>(nullable: false),
                Authority = table.Column<string>(nullable: false),
                DecisionNumber = table.Column<string>(nullable: false),
                DecisionDate = table.Column<DateOnly>(nullable: false),
                Standards = table.Column<string>(nullable: false),
                Scopes = table.Column<string>(nullable: false),
                ValidFrom = table.Column<DateOnly>(nullable: false),
                ValidTo = table.Column<DateOnly>(nullable: true),
                Status = table.Column<string>(nullable: false),
                StatusReason = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Designations", x => x.Id);
                table.ForeignKey("FK_Designations_CertificationBodies_BodyId", x => x.BodyId, "CertificationBodies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_Designations_BodyId_DecisionNumber", table: "Designations", columns: ["BodyId", "DecisionNumber"], unique: true);

        migrationBuilder.CreateTable(
            name: "RegistryStatusChanges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SubjectId = table.Column<Guid>(nullable: false),
                From = table.Column<string>(nullable: false),
                To = table.Column<string>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                ChangedByOrganizationId = table.Column<Guid>(nullable: true),
                ChangedByAccountId = table.Column<Guid>(nullable: true),
                ChangedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RegistryStatusChanges", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_RegistryStatusChanges_SubjectId", table: "RegistryStatusChanges", column: "SubjectId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "RegistryStatusChanges");
        migrationBuilder.DropTable(name: "Designations");
        migrationBuilder.DropTable(name: "CertificationBodies");
    }
}
