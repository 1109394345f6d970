using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>Product photos uploaded to the portal. Provider-neutral like InitialCreate.</summary>
[DbContext(typeof(TraceDb))]
[Migration("20261122020000_ProductImages")]
public sealed class ProductImages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "ProductImages",
            columns: table => new
            {
                ProductId = table.Column<Guid>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
                Bytes = table.Column<byte[]>(nullable: false),
                Sha256 = table.Column<string>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductImages", x => x.ProductId);
                table.ForeignKey("FK_ProductImages_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Cascade);
            });

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("ProductImages");
}
