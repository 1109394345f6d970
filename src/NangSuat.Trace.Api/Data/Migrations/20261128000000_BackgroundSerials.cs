using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// Large serial batches are issued in the background: a batch keeps how many of its serials are
/// written, and when the last one was. Every batch before this was written whole with its request.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261128000000_BackgroundSerials")]
public sealed class BackgroundSerials : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "Issued", table: "SerialBatches", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "CompletedAt", table: "SerialBatches", nullable: true);
        migrationBuilder.Sql("UPDATE \"SerialBatches\" SET \"Issued\" = \"Count\", \"CompletedAt\" = \"CreatedAt\"");
        // The background issuer looks for unfinished batches on every pass.
        migrationBuilder.CreateIndex(name: "IX_SerialBatches_CompletedAt", table: "SerialBatches", column: "CompletedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_SerialBatches_CompletedAt", table: "SerialBatches");
        migrationBuilder.Sql("ALTER TABLE \"SerialBatches\" DROP COLUMN \"CompletedAt\"");
        migrationBuilder.Sql("ALTER TABLE \"SerialBatches\" DROP COLUMN \"Issued\"");
    }
}
