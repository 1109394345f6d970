using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>Serial numbers issued per lot, unique per GTIN by their primary key. Provider-neutral.</summary>
[DbContext(typeof(TraceDb))]
[Migration("20261122030000_Serials")]
public sealed class Serials : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SerialBatches",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                LotId = table.Column<Guid>(nullable: false),
                Count = table.Column<int>(nullable: false),
                IdempotencyKey = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SerialBatches", x => x.Id);
                table.ForeignKey("FK_SerialBatches_Lots_LotId", x => x.LotId, "Lots", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "SerialNumbers",
            columns: table => new
            {
                ProductId = table.Column<Guid>(nullable: false),
                Value = table.Column<string>(nullable: false),
                LotId = table.Column<Guid>(nullable: false),
                BatchId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SerialNumbers", x => new { x.ProductId, x.Value });
                table.ForeignKey("FK_SerialNumbers_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_SerialNumbers_Lots_LotId", x => x.LotId, "Lots", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_SerialNumbers_SerialBatches_BatchId", x => x.BatchId, "SerialBatches", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_SerialBatches_LotId", "SerialBatches", "LotId");
        migrationBuilder.CreateIndex("IX_SerialBatches_OrganizationId_IdempotencyKey", "SerialBatches", ["OrganizationId", "IdempotencyKey"], unique: true);
        migrationBuilder.CreateIndex("IX_SerialNumbers_BatchId", "SerialNumbers", "BatchId");
        migrationBuilder.CreateIndex("IX_SerialNumbers_LotId", "SerialNumbers", "LotId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SerialNumbers");
        migrationBuilder.DropTable("SerialBatches");
    }
}
