using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DispatchAndMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_Status",
                table: "OutboxEmails");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "OutboxEmails",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClaimToken",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntilUtc",
                table: "OutboxEmails",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CopyTo",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeduplicationKey",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Details",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HtmlBody",
                table: "OutboxEmails",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAtUtc",
                table: "OutboxEmails",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "RetryWindowStartUtc",
                table: "OutboxEmails",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "ShipmentId",
                table: "OutboxEmails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextBody",
                table: "OutboxEmails",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TownId",
                table: "OutboxEmails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaveId",
                table: "OutboxEmails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Shipments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    DispatchedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PreviousExpectedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpectedDateChanges = table.Column<int>(type: "INTEGER", nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DispatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DispatchedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RemindersPaused = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shipments", x => x.Id);
                    table.CheckConstraint("CK_Shipment_Expected", "ExpectedOn >= DispatchedOn");
                    table.ForeignKey(
                        name: "FK_Shipments_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Shipments_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Rows written before the sender existed: a unique Message-Id each, due now (hand-written step).
            migrationBuilder.Sql("""
                UPDATE "OutboxEmails" SET "MessageId" = 'outbox-' || "Id" || '@millelivres',
                    "NextAttemptAtUtc" = "CreatedAtUtc", "RetryWindowStartUtc" = "CreatedAtUtc"
                WHERE "MessageId" = ''
                """);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_DeduplicationKey",
                table: "OutboxEmails",
                column: "DeduplicationKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_MessageId",
                table: "OutboxEmails",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_ShipmentId",
                table: "OutboxEmails",
                column: "ShipmentId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_Status_NextAttemptAtUtc",
                table: "OutboxEmails",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_TownId",
                table: "OutboxEmails",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_WaveId",
                table: "OutboxEmails",
                column: "WaveId");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_TownId",
                table: "Shipments",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_WaveId_TownId",
                table: "Shipments",
                columns: new[] { "WaveId", "TownId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxEmails_Shipments_ShipmentId",
                table: "OutboxEmails",
                column: "ShipmentId",
                principalTable: "Shipments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxEmails_Towns_TownId",
                table: "OutboxEmails",
                column: "TownId",
                principalTable: "Towns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxEmails_Waves_WaveId",
                table: "OutboxEmails",
                column: "WaveId",
                principalTable: "Waves",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OutboxEmails_Shipments_ShipmentId",
                table: "OutboxEmails");

            migrationBuilder.DropForeignKey(
                name: "FK_OutboxEmails_Towns_TownId",
                table: "OutboxEmails");

            migrationBuilder.DropForeignKey(
                name: "FK_OutboxEmails_Waves_WaveId",
                table: "OutboxEmails");

            migrationBuilder.DropTable(
                name: "Shipments");

            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_DeduplicationKey",
                table: "OutboxEmails");

            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_MessageId",
                table: "OutboxEmails");

            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_ShipmentId",
                table: "OutboxEmails");

            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_Status_NextAttemptAtUtc",
                table: "OutboxEmails");

            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_TownId",
                table: "OutboxEmails");

            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_WaveId",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "ClaimedUntilUtc",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "CopyTo",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "DeduplicationKey",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "Details",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "HtmlBody",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "NextAttemptAtUtc",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "RetryWindowStartUtc",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "ShipmentId",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "TextBody",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "TownId",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "WaveId",
                table: "OutboxEmails");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_Status",
                table: "OutboxEmails",
                column: "Status");
        }
    }
}
