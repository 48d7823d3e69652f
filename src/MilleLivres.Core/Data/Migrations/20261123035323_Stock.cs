using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Stock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StockImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Publisher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Lines = table.Column<int>(type: "INTEGER", nullable: false),
                    TitlesCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    Copies = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Titles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Isbn = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Authors = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Publisher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgeBandId = table.Column<int>(type: "INTEGER", nullable: false),
                    Genre = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OnHand = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    Reserved = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                    Available = table.Column<int>(type: "INTEGER", nullable: false, computedColumnSql: "\"OnHand\" - \"Reserved\"", stored: true),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Titles", x => x.Id);
                    table.CheckConstraint("CK_Title_Stock", "\"OnHand\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\"");
                    table.ForeignKey(
                        name: "FK_Titles_AgeBands_AgeBandId",
                        column: x => x.AgeBandId,
                        principalTable: "AgeBands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StockMovements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TitleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Donor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AdjustmentReason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: true),
                    TownId = table.Column<int>(type: "INTEGER", nullable: true),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockMovements", x => x.Id);
                    table.CheckConstraint("CK_StockMovement_Quantity", "\"Quantity\" <> 0");
                    table.ForeignKey(
                        name: "FK_StockMovements_StockImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "StockImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockMovements_Titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "Titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockMovements_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockMovements_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StockImports_FileHash",
                table: "StockImports",
                column: "FileHash");

            migrationBuilder.CreateIndex(
                name: "IX_StockMovements_ImportId",
                table: "StockMovements",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_StockMovements_TitleId_Id",
                table: "StockMovements",
                columns: new[] { "TitleId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockMovements_TownId",
                table: "StockMovements",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_StockMovements_WaveId_TownId",
                table: "StockMovements",
                columns: new[] { "WaveId", "TownId" });

            migrationBuilder.CreateIndex(
                name: "IX_Titles_AgeBandId_Genre_Available",
                table: "Titles",
                columns: new[] { "AgeBandId", "Genre", "Available" });

            migrationBuilder.CreateIndex(
                name: "IX_Titles_AgeBandId_Name",
                table: "Titles",
                columns: new[] { "AgeBandId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Titles_Authors",
                table: "Titles",
                column: "Authors");

            migrationBuilder.CreateIndex(
                name: "IX_Titles_Available",
                table: "Titles",
                column: "Available");

            migrationBuilder.CreateIndex(
                name: "IX_Titles_Isbn",
                table: "Titles",
                column: "Isbn",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Titles_Name",
                table: "Titles",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Titles_Publisher",
                table: "Titles",
                column: "Publisher");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StockMovements");

            migrationBuilder.DropTable(
                name: "StockImports");

            migrationBuilder.DropTable(
                name: "Titles");
        }
    }
}
