using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditEntityColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TownId",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaveId",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TownId_Id",
                table: "AuditEntries",
                columns: new[] { "TownId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_WaveId_Id",
                table: "AuditEntries",
                columns: new[] { "WaveId", "Id" });

            // Entries written before these columns: the wave or town is the entry itself, or a WaveId/TownId value in
            // its JSON (rows added or deleted store every property; a modified row stores [old, new] and is skipped).
            migrationBuilder.Sql("""
                UPDATE "AuditEntries" SET "WaveId" = CAST("EntityId" AS INTEGER) WHERE "EntityType" = 'Wave';
                UPDATE "AuditEntries" SET "TownId" = CAST("EntityId" AS INTEGER) WHERE "EntityType" = 'Town';
                UPDATE "AuditEntries" SET "WaveId" = json_extract("Changes", '$.WaveId')
                WHERE "WaveId" IS NULL AND json_valid("Changes") AND json_type("Changes", '$.WaveId') = 'integer';
                UPDATE "AuditEntries" SET "TownId" = json_extract("Changes", '$.TownId')
                WHERE "TownId" IS NULL AND json_valid("Changes") AND json_type("Changes", '$.TownId') = 'integer';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_TownId_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_WaveId_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "TownId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "WaveId",
                table: "AuditEntries");
        }
    }
}
