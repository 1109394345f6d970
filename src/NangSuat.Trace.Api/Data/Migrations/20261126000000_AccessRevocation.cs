using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// API tokens remember the person who made them in the portal, so disabling that person revokes
/// them. SerialBatches.Issued goes: every batch is written whole in one transaction, so it only ever
/// repeated Count, and a background batch will need a design that keeps the idempotency guard first.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261126000000_AccessRevocation")]
public sealed class AccessRevocation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "CreatedByAccountId", table: "ApiTokens", nullable: true);
        // Plain SQL on both providers: EF's SQLite rebuild needs a model snapshot these hand-written migrations do not carry (SQLite drops columns itself since 3.35).
        migrationBuilder.Sql("ALTER TABLE \"SerialBatches\" DROP COLUMN \"Issued\"");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "Issued", table: "SerialBatches", nullable: false, defaultValue: 0);
        migrationBuilder.Sql("UPDATE \"SerialBatches\" SET \"Issued\" = \"Count\"");
        migrationBuilder.Sql("ALTER TABLE \"ApiTokens\" DROP COLUMN \"CreatedByAccountId\"");
    }
}
