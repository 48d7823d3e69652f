using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MilleLivres.Core.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "AgeBands",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    MinAge = table.Column<int>(type: "integer", nullable: false),
                    MaxAge = table.Column<int>(type: "integer", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgeBands", x => x.Id);
                    table.CheckConstraint("CK_AgeBand_Ages", "\"MinAge\" >= 3 AND \"MaxAge\" <= 18 AND \"MinAge\" <= \"MaxAge\"");
                });

            migrationBuilder.CreateTable(
                name: "AnonymisationRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Applications = table.Column<int>(type: "integer", nullable: false),
                    TownContacts = table.Column<int>(type: "integer", nullable: false),
                    Accounts = table.Column<int>(type: "integer", nullable: false),
                    Invitations = table.Column<int>(type: "integer", nullable: false),
                    Mails = table.Column<int>(type: "integer", nullable: false),
                    AuditEntries = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnonymisationRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    AnonymisedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ActorId = table.Column<string>(type: "text", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WaveId = table.Column<int>(type: "integer", nullable: true),
                    TownId = table.Column<int>(type: "integer", nullable: true),
                    Changes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FormSubmissions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Form = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    RedirectTo = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ProtectedNotices = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormSubmissions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportPreviewFiles",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportPreviewFiles", x => x.Hash);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitWindows",
                columns: table => new
                {
                    Policy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ClientHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitWindows", x => new { x.Policy, x.ClientHash, x.StartUtc });
                });

            migrationBuilder.CreateTable(
                name: "StockImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Publisher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ActorId = table.Column<string>(type: "text", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Lines = table.Column<int>(type: "integer", nullable: false),
                    TitlesCreated = table.Column<int>(type: "integer", nullable: false),
                    Copies = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Towns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    InseeCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Departement = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Region = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CiteEducativeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsVilleBanlieueMember = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Quota = table.Column<int>(type: "integer", nullable: false, defaultValue: 1000),
                    CoordinatorContact_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    CoordinatorContact_Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    CoordinatorContact_Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    DeliveryAddress_AccessNotes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DeliveryAddress_City = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    DeliveryAddress_Postcode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    DeliveryAddress_Street = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DeliveryAddress_Structure = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DeliveryContact_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    DeliveryContact_Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    DeliveryContact_Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    DeputyDirectorGeneral_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    DeputyDirectorGeneral_Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    DeputyDirectorGeneral_Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    PrefectDelegate_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    PrefectDelegate_Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    PrefectDelegate_Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Principal_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Principal_Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Principal_Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Towns", x => x.Id);
                    table.CheckConstraint("CK_Town_Quota", "\"Quota\" > 0");
                });

            migrationBuilder.CreateTable(
                name: "VilleBanlieueMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InseeCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    TownName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VilleBanlieueMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Waves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    PlannedDeliveryOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ActualDeliveryOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Waves", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Group = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    LeaseHolder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseExpiresAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Titles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Isbn = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Authors = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Publisher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AgeBandId = table.Column<int>(type: "integer", nullable: false),
                    Genre = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Language = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OnHand = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    Reserved = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    Available = table.Column<int>(type: "integer", nullable: false, computedColumnSql: "\"OnHand\" - \"Reserved\"", stored: true),
                    SearchText = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SortKey = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, defaultValue: "")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Titles", x => x.Id);
                    table.CheckConstraint("CK_Title_Stock", "\"OnHand\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\" AND \"OnHand\" <= 1000000");
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
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
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
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
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
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
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
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
                    UserId = table.Column<string>(type: "text", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false)
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
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    AgeBandId = table.Column<int>(type: "integer", nullable: false),
                    Children = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WaveId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ReceiptState = table.Column<int>(type: "integer", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceiptRecordedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ReceiptRecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    FirstReceiptAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ReceiptRevision = table.Column<int>(type: "integer", nullable: false),
                    ReplacesDifferenceId = table.Column<int>(type: "integer", nullable: true),
                    DispatchedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Carrier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DispatchedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cartons", x => x.Id);
                    table.CheckConstraint("CK_Carton_Number", "\"Number\" >= 1 AND \"Number\" <= \"Count\"");
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
                name: "DistributionReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WaveId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ClosingComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    FinishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReopenedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ReopenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistributionReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DistributionReports_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DistributionReports_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GeneratedDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OwnerKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WaveId = table.Column<int>(type: "integer", nullable: true),
                    TownId = table.Column<int>(type: "integer", nullable: true),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
                name: "Shipments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WaveId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    DispatchedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PreviousExpectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpectedDateChanges = table.Column<int>(type: "integer", nullable: false),
                    Carrier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DispatchedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    DispatchedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RemindersPaused = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shipments", x => x.Id);
                    table.CheckConstraint("CK_Shipment_Expected", "\"ExpectedOn\" >= \"DispatchedOn\"");
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

            migrationBuilder.CreateTable(
                name: "TownApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TownName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    InseeCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Departement = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Region = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CiteEducativeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ClaimsVilleBanlieueMembership = table.Column<bool>(type: "boolean", nullable: false),
                    ApplicantRole = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Partners = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Plan = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ConsentGivenAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ReviewStartedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    WaveId = table.Column<int>(type: "integer", nullable: true),
                    TownId = table.Column<int>(type: "integer", nullable: true),
                    AnonymisedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Applicant_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Applicant_Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Applicant_Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Coordinator_Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Coordinator_Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Coordinator_Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Delivery_AccessNotes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Delivery_City = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Delivery_Postcode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Delivery_Street = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Delivery_Structure = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WaveId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    DistributionStartedOn = table.Column<DateOnly>(type: "date", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WaveId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    TitleId = table.Column<int>(type: "integer", nullable: false),
                    AgeBandId = table.Column<int>(type: "integer", nullable: false),
                    SourceAgeBandId = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Wished = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationLines", x => x.Id);
                    table.CheckConstraint("CK_AllocationLine_Quantity", "\"Quantity\" > 0");
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TitleId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActorId = table.Column<string>(type: "text", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Donor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AdjustmentReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    WaveId = table.Column<int>(type: "integer", nullable: true),
                    TownId = table.Column<int>(type: "integer", nullable: true),
                    ImportId = table.Column<int>(type: "integer", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WaveId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    TitleId = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CartonId = table.Column<int>(type: "integer", nullable: false),
                    TitleId = table.Column<int>(type: "integer", nullable: false),
                    AgeBandId = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CartonLines", x => x.Id);
                    table.CheckConstraint("CK_CartonLine_Quantity", "\"Quantity\" > 0");
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
                name: "DistributionRows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    PlaceKind = table.Column<int>(type: "integer", nullable: false),
                    PlaceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AgeBandId = table.Column<int>(type: "integer", nullable: false),
                    ChildrenReached = table.Column<int>(type: "integer", nullable: false),
                    BooksHandedOut = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SubmissionKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistributionRows", x => x.Id);
                    table.CheckConstraint("CK_DistributionRow_Books", "\"BooksHandedOut\" >= 0");
                    table.CheckConstraint("CK_DistributionRow_Children", "\"ChildrenReached\" >= 1");
                    table.ForeignKey(
                        name: "FK_DistributionRows_AgeBands_AgeBandId",
                        column: x => x.AgeBandId,
                        principalTable: "AgeBands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DistributionRows_DistributionReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "DistributionReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Testimonials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1500)", maxLength: 1500, nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    ConsentToQuote = table.Column<bool>(type: "boolean", nullable: false),
                    Moderation = table.Column<int>(type: "integer", nullable: false),
                    ModerationNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ModeratedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ModeratedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SubmissionKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Testimonials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Testimonials_DistributionReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "DistributionReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationChildrenCount",
                columns: table => new
                {
                    TownApplicationId = table.Column<int>(type: "integer", nullable: false),
                    AgeBandId = table.Column<int>(type: "integer", nullable: false),
                    Children = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TownApplicationId = table.Column<int>(type: "integer", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    TownApplicationId = table.Column<int>(type: "integer", nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: true)
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
                name: "ReceiptDifferences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CartonId = table.Column<int>(type: "integer", nullable: false),
                    CartonLineId = table.Column<int>(type: "integer", nullable: false),
                    TitleId = table.Column<int>(type: "integer", nullable: false),
                    AgeBandId = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReportedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Resolution = table.Column<int>(type: "integer", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ResolutionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReplacementCartonId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceiptDifferences", x => x.Id);
                    table.CheckConstraint("CK_ReceiptDifference_Quantity", "\"Quantity\" > 0");
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

            migrationBuilder.CreateTable(
                name: "OutboxEmails",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    CopyTo = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    TownApplicationId = table.Column<int>(type: "integer", nullable: true),
                    CoordinatorInvitationId = table.Column<int>(type: "integer", nullable: true),
                    TownId = table.Column<int>(type: "integer", nullable: true),
                    WaveId = table.Column<int>(type: "integer", nullable: true),
                    ShipmentId = table.Column<int>(type: "integer", nullable: true),
                    CartonId = table.Column<int>(type: "integer", nullable: true),
                    DeduplicationKey = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Details = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    MessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TextBody = table.Column<string>(type: "text", nullable: true),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    RetryWindowStartUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ClaimToken = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxEmails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxEmails_Cartons_CartonId",
                        column: x => x.CartonId,
                        principalTable: "Cartons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_OutboxEmails_CoordinatorInvitations_CoordinatorInvitationId",
                        column: x => x.CoordinatorInvitationId,
                        principalTable: "CoordinatorInvitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutboxEmails_Shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "Shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutboxEmails_TownApplications_TownApplicationId",
                        column: x => x.TownApplicationId,
                        principalTable: "TownApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutboxEmails_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutboxEmails_Waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "Waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "IX_AnonymisationRecords_AtUtc",
                table: "AnonymisationRecords",
                column: "AtUtc");

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
                name: "IX_AuditEntries_TownId_Id",
                table: "AuditEntries",
                columns: new[] { "TownId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_WaveId_Id",
                table: "AuditEntries",
                columns: new[] { "WaveId", "Id" });

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
                name: "IX_Cartons_WaveId_TownId_ReceiptState",
                table: "Cartons",
                columns: new[] { "WaveId", "TownId", "ReceiptState" });

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
                name: "IX_DistributionReports_TownId",
                table: "DistributionReports",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_DistributionReports_WaveId_TownId",
                table: "DistributionReports",
                columns: new[] { "WaveId", "TownId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DistributionRows_AgeBandId",
                table: "DistributionRows",
                column: "AgeBandId");

            migrationBuilder.CreateIndex(
                name: "IX_DistributionRows_ReportId_AgeBandId_Totals",
                table: "DistributionRows",
                columns: new[] { "ReportId", "AgeBandId", "BooksHandedOut", "ChildrenReached", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DistributionRows_SubmissionKey",
                table: "DistributionRows",
                column: "SubmissionKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FormSubmissions_CompletedAtUtc",
                table: "FormSubmissions",
                column: "CompletedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_FormSubmissions_Key",
                table: "FormSubmissions",
                column: "Key",
                unique: true);

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
                name: "IX_ImportPreviewFiles_CreatedAtUtc",
                table: "ImportPreviewFiles",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_CartonId",
                table: "OutboxEmails",
                column: "CartonId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_CoordinatorInvitationId",
                table: "OutboxEmails",
                column: "CoordinatorInvitationId");

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
                name: "IX_OutboxEmails_TownApplicationId",
                table: "OutboxEmails",
                column: "TownApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_TownId",
                table: "OutboxEmails",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_WaveId",
                table: "OutboxEmails",
                column: "WaveId");

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitWindows_EndUtc",
                table: "RateLimitWindows",
                column: "EndUtc");

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

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_TownId",
                table: "Shipments",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_WaveId_TownId",
                table: "Shipments",
                columns: new[] { "WaveId", "TownId" },
                unique: true);

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
                name: "IX_Testimonials_Moderation",
                table: "Testimonials",
                column: "Moderation");

            migrationBuilder.CreateIndex(
                name: "IX_Testimonials_ReportId",
                table: "Testimonials",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_Testimonials_SubmissionKey",
                table: "Testimonials",
                column: "SubmissionKey",
                unique: true);

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
                name: "IX_Titles_SearchText_Trigram",
                table: "Titles",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Titles_SortKey_Id",
                table: "Titles",
                columns: new[] { "SortKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TownApplications_AnonymisedAtUtc",
                table: "TownApplications",
                column: "AnonymisedAtUtc");

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
                name: "AnonymisationRecords");

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
                name: "CoordinatorTowns");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DistributionRows");

            migrationBuilder.DropTable(
                name: "FormSubmissions");

            migrationBuilder.DropTable(
                name: "GeneratedDocuments");

            migrationBuilder.DropTable(
                name: "ImportPreviewFiles");

            migrationBuilder.DropTable(
                name: "OutboxEmails");

            migrationBuilder.DropTable(
                name: "RateLimitWindows");

            migrationBuilder.DropTable(
                name: "ReceiptDifferences");

            migrationBuilder.DropTable(
                name: "StockMovements");

            migrationBuilder.DropTable(
                name: "Testimonials");

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
                name: "CoordinatorInvitations");

            migrationBuilder.DropTable(
                name: "Shipments");

            migrationBuilder.DropTable(
                name: "CartonLines");

            migrationBuilder.DropTable(
                name: "StockImports");

            migrationBuilder.DropTable(
                name: "DistributionReports");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "TownApplications");

            migrationBuilder.DropTable(
                name: "Cartons");

            migrationBuilder.DropTable(
                name: "Titles");

            migrationBuilder.DropTable(
                name: "Towns");

            migrationBuilder.DropTable(
                name: "Waves");

            migrationBuilder.DropTable(
                name: "AgeBands");
        }
    }
}
