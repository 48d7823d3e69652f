using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WavePlanning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Quota",
                table: "Towns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1000);

            migrationBuilder.CreateTable(
                name: "TownWishes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TownWishes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TownWishes_Titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "Titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TownWishes_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TownWishes_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Town_Quota",
                table: "Towns",
                sql: "Quota > 0");

            migrationBuilder.CreateIndex(
                name: "IX_TownWishes_TitleId",
                table: "TownWishes",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_TownWishes_TownId",
                table: "TownWishes",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_TownWishes_WaveId_TownId_TitleId",
                table: "TownWishes",
                columns: new[] { "WaveId", "TownId", "TitleId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TownWishes");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Town_Quota",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "Quota",
                table: "Towns");
        }
    }
}
