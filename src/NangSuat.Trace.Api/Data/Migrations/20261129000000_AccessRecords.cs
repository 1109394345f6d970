using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// Accounts get a folded search key like organizations and products ("dang" finds "Đặng"; filled at
/// start). An organization keeps the reason of its last suspension or reinstatement, not only of a
/// suspension. Tokens made in the portal before their maker was recorded get the maker from the audit
/// record, so disabling that person revokes them too.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261129000000_AccessRecords")]
public sealed class AccessRecords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "SearchKey", table: "Accounts", nullable: true);
        migrationBuilder.RenameColumn(name: "SuspensionReason", table: "Organizations", newName: "StatusReason");
        migrationBuilder.Sql("""
            UPDATE "ApiTokens" SET "CreatedByAccountId" = (
                SELECT "ActorAccountId" FROM "AuditEntries"
                WHERE "Entity" = 'apiToken' AND "Action" = 'created' AND "EntityId" = "ApiTokens"."Id" AND "ActorAccountId" IS NOT NULL
                LIMIT 1)
            WHERE "CreatedByAccountId" IS NULL
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.RenameColumn(name: "StatusReason", table: "Organizations", newName: "SuspensionReason");
        migrationBuilder.Sql("ALTER TABLE \"Accounts\" DROP COLUMN \"SearchKey\"");
    }
}
