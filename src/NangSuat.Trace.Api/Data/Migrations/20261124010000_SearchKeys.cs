using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// Folded search keys (no diacritics, lower case) beside organizations and products, so "che moc
/// chau" finds "Chè Mộc Châu" on both providers. Rows saved before get theirs at start.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261124010000_SearchKeys")]
public sealed class SearchKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "SearchKey", table: "Organizations", nullable: true);
        migrationBuilder.AddColumn<string>(name: "SearchKey", table: "Products", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "SearchKey", table: "Products");
        migrationBuilder.DropColumn(name: "SearchKey", table: "Organizations");
    }
}
