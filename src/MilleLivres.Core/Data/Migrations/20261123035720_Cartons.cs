using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Cartons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Cartons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cartons", x => x.Id);
                    table.CheckConstraint("CK_Carton_Number", "Number >= 1 AND Number <= Count");
                    table.ForeignKey(
                        name: "FK_Cartons_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cartons_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CartonLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CartonId = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CartonLines", x => x.Id);
                    table.CheckConstraint("CK_CartonLine_Quantity", "Quantity > 0");
                    table.ForeignKey(
                        name: "FK_CartonLines_AgeBands_AgeBandId",
                        column: x => x.AgeBandId,
                        principalTable: "AgeBands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CartonLines_Cartons_CartonId",
                        column: x => x.CartonId,
                        principalTable: "Cartons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CartonLines_Titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "Titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CartonLines_AgeBandId",
                table: "CartonLines",
                column: "AgeBandId");

            migrationBuilder.CreateIndex(
                name: "IX_CartonLines_CartonId_TitleId_AgeBandId",
                table: "CartonLines",
                columns: new[] { "CartonId", "TitleId", "AgeBandId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CartonLines_TitleId",
                table: "CartonLines",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_Cartons_Code",
                table: "Cartons",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cartons_TownId",
                table: "Cartons",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_Cartons_WaveId_TownId_Number",
                table: "Cartons",
                columns: new[] { "WaveId", "TownId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CartonLines");

            migrationBuilder.DropTable(
                name: "Cartons");
        }
    }
}
