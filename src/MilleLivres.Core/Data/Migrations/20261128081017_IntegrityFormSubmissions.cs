using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class IntegrityFormSubmissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Title_Stock",
                table: "Titles");

            migrationBuilder.CreateTable(
                name: "FormSubmissions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Form = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RedirectTo = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProtectedNotices = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormSubmissions", x => x.Id);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Title_Stock",
                table: "Titles",
                sql: "\"OnHand\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\" AND \"OnHand\" <= 1000000");

            migrationBuilder.CreateIndex(
                name: "IX_FormSubmissions_CompletedAtUtc",
                table: "FormSubmissions",
                column: "CompletedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_FormSubmissions_Key",
                table: "FormSubmissions",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FormSubmissions");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Title_Stock",
                table: "Titles");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Title_Stock",
                table: "Titles",
                sql: "\"OnHand\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\"");
        }
    }
}
