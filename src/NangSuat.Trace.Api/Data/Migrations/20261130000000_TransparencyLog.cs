using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// The audit record becomes a transparency log: each entry gets its index in the log (given by the
/// log after the entry commits), the log keeps the perfect subtrees of its Merkle tree and its signed
/// checkpoints. Entries recorded before this migration are taken in at the first start, oldest first.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261130000000_TransparencyLog")]
public sealed class TransparencyLog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "LogIndex", table: "AuditEntries", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_LogIndex", table: "AuditEntries", column: "LogIndex", unique: true);

        migrationBuilder.CreateTable(
            name: "LogNodes",
            columns: table => new
            {
                Position = table.Column<long>(nullable: false),
                Hash = table.Column<byte[]>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_LogNodes", n => n.Position));

        migrationBuilder.CreateTable(
            name: "LogCheckpoints",
            columns: table => new
            {
                Size = table.Column<long>(nullable: false),
                Root = table.Column<byte[]>(nullable: false),
                SignedAt = table.Column<long>(nullable: false),
                Signed = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_LogCheckpoints", c => c.Size));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "LogCheckpoints");
        migrationBuilder.DropTable(name: "LogNodes");
        migrationBuilder.DropIndex(name: "IX_AuditEntries_LogIndex", table: "AuditEntries");
        migrationBuilder.Sql("ALTER TABLE \"AuditEntries\" DROP COLUMN \"LogIndex\"");
    }
}
