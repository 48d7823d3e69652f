using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgeBands",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    MinAge = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAge = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgeBands", x => x.Id);
                    table.CheckConstraint("CK_AgeBand_Ages", "MinAge >= 3 AND MaxAge <= 18 AND MinAge <= MaxAge");
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

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
                name: "Towns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    InseeCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Departement = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    CiteEducativeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsVilleBanlieueMember = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Quota = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1000),
                    CoordinatorContact_Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    CoordinatorContact_Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    CoordinatorContact_Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    DeliveryAddress_AccessNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DeliveryAddress_City = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    DeliveryAddress_Postcode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    DeliveryAddress_Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DeliveryAddress_Structure = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DeputyDirectorGeneral_Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    DeputyDirectorGeneral_Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    DeputyDirectorGeneral_Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    PrefectDelegate_Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    PrefectDelegate_Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    PrefectDelegate_Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Principal_Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Principal_Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Principal_Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Towns", x => x.Id);
                    table.CheckConstraint("CK_Town_Quota", "Quota > 0");
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
                name: "Waves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    PlannedDeliveryOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActualDeliveryOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Waves", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkItems", x => x.Id);
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
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoordinatorTowns",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoordinatorTowns", x => new { x.UserId, x.TownId });
                    table.ForeignKey(
                        name: "FK_CoordinatorTowns_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CoordinatorTowns_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "GeneratedDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OwnerKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: true),
                    TownId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GeneratedDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GeneratedDocuments_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GeneratedDocuments_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "WaveTowns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    DistributionStartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaveTowns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WaveTowns_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WaveTowns_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AllocationLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBandId = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceAgeBandId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Wished = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationLines", x => x.Id);
                    table.CheckConstraint("CK_AllocationLine_Quantity", "Quantity > 0");
                    table.ForeignKey(
                        name: "FK_AllocationLines_AgeBands_AgeBandId",
                        column: x => x.AgeBandId,
                        principalTable: "AgeBands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AllocationLines_Titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "Titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AllocationLines_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AllocationLines_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
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
                name: "IX_AllocationLines_AgeBandId",
                table: "AllocationLines",
                column: "AgeBandId");

            migrationBuilder.CreateIndex(
                name: "IX_AllocationLines_TitleId",
                table: "AllocationLines",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_AllocationLines_TownId",
                table: "AllocationLines",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_AllocationLines_WaveId_TownId_TitleId",
                table: "AllocationLines",
                columns: new[] { "WaveId", "TownId", "TitleId" },
                unique: true);

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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityId",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityId" });

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
                name: "IX_CoordinatorTowns_TownId",
                table: "CoordinatorTowns",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_Kind_OwnerKey",
                table: "GeneratedDocuments",
                columns: new[] { "Kind", "OwnerKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_TownId",
                table: "GeneratedDocuments",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_WaveId",
                table: "GeneratedDocuments",
                column: "WaveId");

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
                name: "IX_Towns_InseeCode",
                table: "Towns",
                column: "InseeCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Towns_Name",
                table: "Towns",
                column: "Name");

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

            migrationBuilder.CreateIndex(
                name: "IX_VilleBanlieueMembers_InseeCode",
                table: "VilleBanlieueMembers",
                column: "InseeCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Waves_Number",
                table: "Waves",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WaveTowns_TownId",
                table: "WaveTowns",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_WaveTowns_WaveId_TownId",
                table: "WaveTowns",
                columns: new[] { "WaveId", "TownId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Group_Status",
                table: "WorkItems",
                columns: new[] { "Group", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Key",
                table: "WorkItems",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Status",
                table: "WorkItems",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationLines");

            migrationBuilder.DropTable(
                name: "ApplicationChildrenCount");

            migrationBuilder.DropTable(
                name: "ApplicationStatusLinks");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CartonLines");

            migrationBuilder.DropTable(
                name: "CoordinatorTowns");

            migrationBuilder.DropTable(
                name: "GeneratedDocuments");

            migrationBuilder.DropTable(
                name: "OutboxEmails");

            migrationBuilder.DropTable(
                name: "StockMovements");

            migrationBuilder.DropTable(
                name: "TownChildrenCounts");

            migrationBuilder.DropTable(
                name: "TownWishes");

            migrationBuilder.DropTable(
                name: "VilleBanlieueMembers");

            migrationBuilder.DropTable(
                name: "WaveTowns");

            migrationBuilder.DropTable(
                name: "WorkItems");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "Cartons");

            migrationBuilder.DropTable(
                name: "CoordinatorInvitations");

            migrationBuilder.DropTable(
                name: "StockImports");

            migrationBuilder.DropTable(
                name: "Titles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "TownApplications");

            migrationBuilder.DropTable(
                name: "AgeBands");

            migrationBuilder.DropTable(
                name: "Towns");

            migrationBuilder.DropTable(
                name: "Waves");
        }
    }
}
