using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// The audit record, a version on every registry record so that racing changes are decided once,
/// and the reason for a certificate's current status. Provider-neutral like InitialCreate.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261123000000_AuditAndVersions")]
public sealed class AuditAndVersions : Migration
{
    private static readonly string[] Versioned = ["Organizations", "ApiTokens", "Products", "ProductionAreas", "Certificates", "Lots", "SerialBatches"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Versioned)
        {
            migrationBuilder.AddColumn<int>(name: "Version", table: table, nullable: false, defaultValue: 0);
        }

        migrationBuilder.AddColumn<string>(name: "StatusReason", table: "Certificates", nullable: true);

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<long>(nullable: false),
                ActorRole = table.Column<string>(nullable: false),
                ActorTokenId = table.Column<Guid>(nullable: true),
                ActorOrganizationId = table.Column<Guid>(nullable: true),
                Entity = table.Column<string>(nullable: false),
                EntityId = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Action = table.Column<string>(nullable: false),
                Changes = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        migrationBuilder.CreateIndex("IX_AuditEntries_Entity_EntityId", "AuditEntries", ["Entity", "EntityId"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_OrganizationId", "AuditEntries", "OrganizationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AuditEntries");
        migrationBuilder.DropColumn(name: "StatusReason", table: "Certificates");
        foreach (var table in Versioned)
        {
            migrationBuilder.DropColumn(name: "Version", table: table);
        }
    }
}
