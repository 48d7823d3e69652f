using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Applications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CoordinatorContact_Email",
                table: "Towns",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoordinatorContact_Name",
                table: "Towns",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoordinatorContact_Phone",
                table: "Towns",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryAddress_AccessNotes",
                table: "Towns",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryAddress_City",
                table: "Towns",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryAddress_Postcode",
                table: "Towns",
                type: "TEXT",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryAddress_Street",
                table: "Towns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryAddress_Structure",
                table: "Towns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TownApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TownName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    InseeCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Departement = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    CiteEducativeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClaimsVilleBanlieueMembership = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApplicantRole = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Partners = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ConsentGivenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewStartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: true),
                    TownId = table.Column<int>(type: "INTEGER", nullable: true),
                    Applicant_Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Applicant_Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Applicant_Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Coordinator_Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Coordinator_Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Coordinator_Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Delivery_AccessNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Delivery_City = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Delivery_Postcode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    Delivery_Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Delivery_Structure = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TownApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TownApplications_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TownApplications_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TownChildrenCounts",
                columns: table => new
                {
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandId = table.Column<int>(type: "INTEGER", nullable: false),
                    Children = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TownChildrenCounts", x => new { x.TownId, x.AgeBandId });
                    table.ForeignKey(
                        name: "FK_TownChildrenCounts_AgeBands_AgeBandId",
                        column: x => x.AgeBandId,
                        principalTable: "AgeBands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TownChildrenCounts_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VilleBanlieueMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InseeCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    TownName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VilleBanlieueMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationChildrenCount",
                columns: table => new
                {
                    TownApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandId = table.Column<int>(type: "INTEGER", nullable: false),
                    Children = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationChildrenCount", x => new { x.TownApplicationId, x.AgeBandId });
                    table.ForeignKey(
                        name: "FK_ApplicationChildrenCount_AgeBands_AgeBandId",
                        column: x => x.AgeBandId,
                        principalTable: "AgeBands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApplicationChildrenCount_TownApplications_TownApplicationId",
                        column: x => x.TownApplicationId,
                        principalTable: "TownApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationStatusLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TownApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationStatusLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationStatusLinks_TownApplications_TownApplicationId",
                        column: x => x.TownApplicationId,
                        principalTable: "TownApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoordinatorInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownApplicationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoordinatorInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoordinatorInvitations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CoordinatorInvitations_TownApplications_TownApplicationId",
                        column: x => x.TownApplicationId,
                        principalTable: "TownApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CoordinatorInvitations_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutboxEmails",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TownApplicationId = table.Column<int>(type: "INTEGER", nullable: true),
                    CoordinatorInvitationId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxEmails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxEmails_CoordinatorInvitations_CoordinatorInvitationId",
                        column: x => x.CoordinatorInvitationId,
                        principalTable: "CoordinatorInvitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutboxEmails_TownApplications_TownApplicationId",
                        column: x => x.TownApplicationId,
                        principalTable: "TownApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationChildrenCount_AgeBandId",
                table: "ApplicationChildrenCount",
                column: "AgeBandId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationStatusLinks_TokenHash",
                table: "ApplicationStatusLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationStatusLinks_TownApplicationId",
                table: "ApplicationStatusLinks",
                column: "TownApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_CoordinatorInvitations_TokenHash",
                table: "CoordinatorInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoordinatorInvitations_TownApplicationId",
                table: "CoordinatorInvitations",
                column: "TownApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_CoordinatorInvitations_TownId",
                table: "CoordinatorInvitations",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_CoordinatorInvitations_UserId",
                table: "CoordinatorInvitations",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_CoordinatorInvitationId",
                table: "OutboxEmails",
                column: "CoordinatorInvitationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_Status",
                table: "OutboxEmails",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_TownApplicationId",
                table: "OutboxEmails",
                column: "TownApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_TownApplications_InseeCode",
                table: "TownApplications",
                column: "InseeCode");

            migrationBuilder.CreateIndex(
                name: "IX_TownApplications_Status",
                table: "TownApplications",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_TownApplications_TownId",
                table: "TownApplications",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_TownApplications_WaveId",
                table: "TownApplications",
                column: "WaveId");

            migrationBuilder.CreateIndex(
                name: "IX_TownChildrenCounts_AgeBandId",
                table: "TownChildrenCounts",
                column: "AgeBandId");

            migrationBuilder.CreateIndex(
                name: "IX_VilleBanlieueMembers_InseeCode",
                table: "VilleBanlieueMembers",
                column: "InseeCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationChildrenCount");

            migrationBuilder.DropTable(
                name: "ApplicationStatusLinks");

            migrationBuilder.DropTable(
                name: "OutboxEmails");

            migrationBuilder.DropTable(
                name: "TownChildrenCounts");

            migrationBuilder.DropTable(
                name: "VilleBanlieueMembers");

            migrationBuilder.DropTable(
                name: "CoordinatorInvitations");

            migrationBuilder.DropTable(
                name: "TownApplications");

            migrationBuilder.DropColumn(
                name: "CoordinatorContact_Email",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "CoordinatorContact_Name",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "CoordinatorContact_Phone",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "DeliveryAddress_AccessNotes",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "DeliveryAddress_City",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "DeliveryAddress_Postcode",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "DeliveryAddress_Street",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "DeliveryAddress_Structure",
                table: "Towns");
        }
    }
}
