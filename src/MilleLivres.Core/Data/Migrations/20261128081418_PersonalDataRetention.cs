using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAtUtc",
                table: "TownApplications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAtUtc",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnonymisationRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Applications = table.Column<int>(type: "INTEGER", nullable: false),
                    TownContacts = table.Column<int>(type: "INTEGER", nullable: false),
                    Accounts = table.Column<int>(type: "INTEGER", nullable: false),
                    Invitations = table.Column<int>(type: "INTEGER", nullable: false),
                    Mails = table.Column<int>(type: "INTEGER", nullable: false),
                    AuditEntries = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnonymisationRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TownApplications_AnonymisedAtUtc",
                table: "TownApplications",
                column: "AnonymisedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AnonymisationRecords_AtUtc",
                table: "AnonymisationRecords",
                column: "AtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnonymisationRecords");

            migrationBuilder.DropIndex(
                name: "IX_TownApplications_AnonymisedAtUtc",
                table: "TownApplications");

            migrationBuilder.DropColumn(
                name: "AnonymisedAtUtc",
                table: "TownApplications");

            migrationBuilder.DropColumn(
                name: "AnonymisedAtUtc",
                table: "AspNetUsers");
        }
    }
}
