using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NangSuat.Trace.Api.Data.Migrations;

/// <summary>
/// Personal portal accounts, their one-time invitation and reset links, and the account an audit
/// entry came from. Provider-neutral like the migrations before it.
/// </summary>
[DbContext(typeof(TraceDb))]
[Migration("20261124000000_Accounts")]
public sealed class Accounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "ActorAccountId", table: "AuditEntries", nullable: true);

        migrationBuilder.CreateTable(
            name: "Accounts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(nullable: false),
                Phone = table.Column<string>(nullable: true),
                DisplayName = table.Column<string>(nullable: false),
                Role = table.Column<string>(nullable: false),
                IsOwner = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: false),
                SecurityStamp = table.Column<Guid>(nullable: false),
                FailedSignIns = table.Column<int>(nullable: false),
                LockedUntil = table.Column<DateTimeOffset>(nullable: true),
                DisabledAt = table.Column<DateTimeOffset>(nullable: true),
                LastSignInAt = table.Column<DateTimeOffset>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Accounts", x => x.Id);
                table.ForeignKey("FK_Accounts_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "OneTimeLinks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Purpose = table.Column<string>(nullable: false),
                Hash = table.Column<string>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: true),
                Role = table.Column<string>(nullable: false),
                IsOwner = table.Column<bool>(nullable: false),
                DisplayName = table.Column<string>(nullable: true),
                CreatedByAccountId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(nullable: false),
                UsedAt = table.Column<DateTimeOffset>(nullable: true),
                RevokedAt = table.Column<DateTimeOffset>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OneTimeLinks", x => x.Id);
                table.ForeignKey("FK_OneTimeLinks_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Accounts_Email", "Accounts", "Email", unique: true);
        migrationBuilder.CreateIndex("IX_Accounts_Phone", "Accounts", "Phone", unique: true);
        migrationBuilder.CreateIndex("IX_Accounts_OrganizationId", "Accounts", "OrganizationId");
        migrationBuilder.CreateIndex("IX_OneTimeLinks_Hash", "OneTimeLinks", "Hash", unique: true);
        migrationBuilder.CreateIndex("IX_OneTimeLinks_OrganizationId", "OneTimeLinks", "OrganizationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("OneTimeLinks");
        migrationBuilder.DropTable("Accounts");
        migrationBuilder.DropColumn(name: "ActorAccountId", table: "AuditEntries");
    }
}
