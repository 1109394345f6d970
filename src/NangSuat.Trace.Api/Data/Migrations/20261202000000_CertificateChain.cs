using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// A certificate names its body from the registry, its issue date, its OCOP stars and a scope of
/// products, product groups and areas; a product names its group. Certificates registered before keep
/// their issuer as typed and no body: "issuer not in the registry" until an inspector links them.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261202000000_CertificateChain")]
public sealed class CertificateChain : Migration
{
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == Npgsql)
        {
            migrationBuilder.AddColumn<Guid>(name: "BodyId", table: "Certificates", nullable: true);
            migrationBuilder.AddForeignKey(name: "FK_Certificates_CertificationBodies_BodyId", table: "Certificates", column: "BodyId",
                principalTable: "CertificationBodies", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }
        else
        {
            // SQLite adds a foreign key only with its column (a null default), not to a column already there.
            migrationBuilder.Sql("ALTER TABLE \"Certificates\" ADD COLUMN \"BodyId\" TEXT NULL REFERENCES \"CertificationBodies\" (\"Id\") ON DELETE RESTRICT");
        }

        migrationBuilder.AddColumn<DateOnly>(name: "IssuedOn", table: "Certificates", nullable: true);
        migrationBuilder.AddColumn<int>(name: "OcopStars", table: "Certificates", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ScopeProductIds", table: "Certificates", nullable: false, defaultValue: "[]");
        migrationBuilder.AddColumn<string>(name: "ScopeProductGroups", table: "Certificates", nullable: false, defaultValue: "[]");
        migrationBuilder.AddColumn<string>(name: "ScopeAreaIds", table: "Certificates", nullable: false, defaultValue: "[]");
        migrationBuilder.CreateIndex(name: "IX_Certificates_BodyId", table: "Certificates", column: "BodyId");
        migrationBuilder.AddColumn<string>(name: "Group", table: "Products", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == Npgsql)
        {
            migrationBuilder.DropForeignKey(name: "FK_Certificates_CertificationBodies_BodyId", table: "Certificates");
        }

        migrationBuilder.DropIndex(name: "IX_Certificates_BodyId", table: "Certificates");
        foreach (var column in new[] { "BodyId", "IssuedOn", "OcopStars", "ScopeProductIds", "ScopeProductGroups", "ScopeAreaIds" })
        {
            migrationBuilder.Sql($"ALTER TABLE \"Certificates\" DROP COLUMN \"{column}\"");
        }

        migrationBuilder.Sql("ALTER TABLE \"Products\" DROP COLUMN \"Group\"");
    }
}
