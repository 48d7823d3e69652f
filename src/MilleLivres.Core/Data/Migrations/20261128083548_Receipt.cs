using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Receipt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DispatchedOn",
                table: "Cartons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstReceiptAtUtc",
                table: "Cartons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReceiptRecordedAtUtc",
                table: "Cartons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiptRecordedBy",
                table: "Cartons",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReceiptRevision",
                table: "Cartons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ReceiptState",
                table: "Cartons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "Cartons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReplacesDifferenceId",
                table: "Cartons",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReceiptDifferences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CartonId = table.Column<int>(type: "INTEGER", nullable: false),
                    CartonLineId = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Resolution = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReplacementCartonId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceiptDifferences", x => x.Id);
                    table.CheckConstraint("CK_ReceiptDifference_Quantity", "Quantity > 0");
                    table.ForeignKey(
                        name: "FK_ReceiptDifferences_AgeBands_AgeBandId",
                        column: x => x.AgeBandId,
                        principalTable: "AgeBands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReceiptDifferences_CartonLines_CartonLineId",
                        column: x => x.CartonLineId,
                        principalTable: "CartonLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReceiptDifferences_Cartons_CartonId",
                        column: x => x.CartonId,
                        principalTable: "Cartons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReceiptDifferences_Cartons_ReplacementCartonId",
                        column: x => x.ReplacementCartonId,
                        principalTable: "Cartons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReceiptDifferences_Titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "Titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cartons_WaveId_TownId_ReceiptState",
                table: "Cartons",
                columns: new[] { "WaveId", "TownId", "ReceiptState" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptDifferences_AgeBandId",
                table: "ReceiptDifferences",
                column: "AgeBandId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptDifferences_CartonId_CartonLineId",
                table: "ReceiptDifferences",
                columns: new[] { "CartonId", "CartonLineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptDifferences_CartonLineId",
                table: "ReceiptDifferences",
                column: "CartonLineId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptDifferences_ReplacementCartonId",
                table: "ReceiptDifferences",
                column: "ReplacementCartonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptDifferences_Resolution",
                table: "ReceiptDifferences",
                column: "Resolution");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptDifferences_TitleId",
                table: "ReceiptDifferences",
                column: "TitleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReceiptDifferences");

            migrationBuilder.DropIndex(
                name: "IX_Cartons_WaveId_TownId_ReceiptState",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "DispatchedOn",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "FirstReceiptAtUtc",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "ReceiptRecordedAtUtc",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "ReceiptRecordedBy",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "ReceiptRevision",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "ReceiptState",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "ReceivedOn",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "ReplacesDifferenceId",
                table: "Cartons");
        }
    }
}
