using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReplacementDispatchAndDeliveryContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeliveryContact_Email",
                table: "Towns",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryContact_Name",
                table: "Towns",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryContact_Phone",
                table: "Towns",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CartonId",
                table: "OutboxEmails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Carrier",
                table: "Cartons",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DispatchedBy",
                table: "Cartons",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpectedOn",
                table: "Cartons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrackingNumber",
                table: "Cartons",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_CartonId",
                table: "OutboxEmails",
                column: "CartonId");

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxEmails_Cartons_CartonId",
                table: "OutboxEmails",
                column: "CartonId",
                principalTable: "Cartons",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OutboxEmails_Cartons_CartonId",
                table: "OutboxEmails");

            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_CartonId",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "DeliveryContact_Email",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "DeliveryContact_Name",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "DeliveryContact_Phone",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "CartonId",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "Carrier",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "DispatchedBy",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "ExpectedOn",
                table: "Cartons");

            migrationBuilder.DropColumn(
                name: "TrackingNumber",
                table: "Cartons");
        }
    }
}
