using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>An administrator may suspend an organization: when, and why, is kept on the organization itself.</summary>
[DbContext(typeof(TraceDb))]
[Migration("20261127000000_OrganizationSuspension")]
public sealed class OrganizationSuspension : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(name: "SuspendedAt", table: "Organizations", nullable: true);
        migrationBuilder.AddColumn<string>(name: "SuspensionReason", table: "Organizations", maxLength: 500, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE \"Organizations\" DROP COLUMN \"SuspensionReason\"");
        migrationBuilder.Sql("ALTER TABLE \"Organizations\" DROP COLUMN \"SuspendedAt\"");
    }
}
