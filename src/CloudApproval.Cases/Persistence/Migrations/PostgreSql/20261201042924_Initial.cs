using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApplicantKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(130)", maxLength: 130, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicantKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApplicantProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    LegalRepresentativeName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LegalRepresentativeIdNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    IdNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    AgentName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AgentIdNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    VerificationLevel = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VerifiedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SeriousBadCredit = table.Column<bool>(type: "boolean", nullable: false),
                    FalseCommitment = table.Column<bool>(type: "boolean", nullable: false),
                    CreditRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreditRecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    EServiceConsented = table.Column<bool>(type: "boolean", nullable: false),
                    EServiceScope = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EServiceRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicantProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Applicant = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    MatterCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DataJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Commitment = table.Column<bool>(type: "boolean", nullable: false),
                    CaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReceiptJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    DeferredJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    RenewsLicence = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssistanceRequests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestingDepartment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssistingDepartment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Question = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TimeLimitWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    AssistanceCaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclineReasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Result = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    ResultSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ProvidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ProvidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistanceRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseCount = table.Column<int>(type: "integer", nullable: false),
                    MerkleRoot = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Signature = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LeavesJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Action = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Detail = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    StateDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseArchives",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Department = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SealId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ProducedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseArchives", x => x.CaseId);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    StateJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Applicant = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Department = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RootCaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClockDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LegalClock = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ClockExtended = table.Column<bool>(type: "boolean", nullable: false),
                    ClockJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    MatterCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ParentCaseId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ParentChildId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AuditCount = table.Column<long>(type: "bigint", nullable: false),
                    AuditHead = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RowDigests = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LicenceNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExtensionNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MatterCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LicenceType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ExpiringFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiringTo = table.Column<DateOnly>(type: "date", nullable: false),
                    NewValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ExtendMonths = table.Column<int>(type: "integer", nullable: true),
                    LegalBasis = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AppliedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApplyStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtensionNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicenceExtensions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeId = table.Column<long>(type: "bigint", nullable: false),
                    LicenceId = table.Column<long>(type: "bigint", nullable: false),
                    PreviousUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    NewUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceExtensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicenceReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LicenceNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ForUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HangfireJobId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceReminders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicenceSequences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceSequences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Licences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CaseId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LicenceType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Holder = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    HolderName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    MatterCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContentJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    SealJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ExtendedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ExtensionNoticeId = table.Column<long>(type: "bigint", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveredBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ExpiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeemedRenewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeemedRenewedFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    RenewedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Licences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Matters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Matters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    NoticeType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Template = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DataJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    Issuer = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ServiceMethod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OnTimeAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MatterCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Decided = table.Column<int>(type: "integer", nullable: false),
                    WithinLegal = table.Column<int>(type: "integer", nullable: false),
                    OnTimePercent = table.Column<double>(type: "double precision", nullable: false),
                    ThresholdPercent = table.Column<double>(type: "double precision", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnTimeAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcedureVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DefinitionId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Json = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RetiredBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StaffAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Recipient = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TaskId = table.Column<long>(type: "bigint", nullable: true),
                    CaseId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SentBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OnTimeAlertId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LocalId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Instructions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Role = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Department = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Assignee = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OutcomesJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    FormJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DataJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SharedMaterials = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Timers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LocalId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ActivityId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Timers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkingDepartments",
                columns: table => new
                {
                    RootCaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Department = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkingDepartments", x => new { x.RootCaseId, x.Department });
                });

            migrationBuilder.CreateTable(
                name: "ApplicationLicences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MaterialCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LicenceNumber = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    LicenceType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedByCase = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    AttachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationLicences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationLicences_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationMaterials",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MaterialCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FileType = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Pending = table.Column<bool>(type: "boolean", nullable: false),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationMaterials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationMaterials_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationSignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Signer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CanonicalText = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    Signature = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(130)", maxLength: 130, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationSignatures_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CorrectionRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TaskId = table.Column<long>(type: "bigint", nullable: false),
                    ItemsJson = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    DeadlineAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Consequence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CorrectionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CorrectionRequests_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Documents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NoticeId = table.Column<long>(type: "bigint", nullable: false),
                    CaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Department = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MediaType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    SealId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    SealDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealSignature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SealPublicKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Documents_Notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "Notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantKeys_UserName",
                table: "ApplicantKeys",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantProfiles_UserName",
                table: "ApplicantProfiles",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationLicences_ApplicationId_MaterialCode",
                table: "ApplicationLicences",
                columns: new[] { "ApplicationId", "MaterialCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMaterials_ApplicationId_MaterialCode_Version",
                table: "ApplicationMaterials",
                columns: new[] { "ApplicationId", "MaterialCode", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationSignatures_ApplicationId_Kind_Revision",
                table: "ApplicationSignatures",
                columns: new[] { "ApplicationId", "Kind", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Applicant_CreatedAt",
                table: "Applications",
                columns: new[] { "Applicant", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CaseId",
                table: "Applications",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_MatterCode_CaseId",
                table: "Applications",
                columns: new[] { "MatterCode", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RenewsLicence",
                table: "Applications",
                column: "RenewsLicence");

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceRequests_AssistanceCaseId",
                table: "AssistanceRequests",
                column: "AssistanceCaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceRequests_AssistingDepartment_RequestedAt",
                table: "AssistanceRequests",
                columns: new[] { "AssistingDepartment", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceRequests_CaseId",
                table: "AssistanceRequests",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditCheckpoints_Number",
                table: "AuditCheckpoints",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CaseId_Sequence",
                table: "AuditEntries",
                columns: new[] { "CaseId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Applicant_CreatedAt_Id",
                table: "Cases",
                columns: new[] { "Applicant", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Department_CreatedAt_Id",
                table: "Cases",
                columns: new[] { "Department", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_MatterCode_Status_UpdatedAt",
                table: "Cases",
                columns: new[] { "MatterCode", "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ParentCaseId_CreatedAt_Id",
                table: "Cases",
                columns: new[] { "ParentCaseId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RootCaseId",
                table: "Cases",
                column: "RootCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_CreatedAt",
                table: "Cases",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_LegalClock_ClockDueDate",
                table: "Cases",
                columns: new[] { "Status", "LegalClock", "ClockDueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_CorrectionRequests_ApplicationId_Status",
                table: "CorrectionRequests",
                columns: new[] { "ApplicationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryAlerts_Department_ResolvedAt",
                table: "DeliveryAlerts",
                columns: new[] { "Department", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryAlerts_LicenceNumber",
                table: "DeliveryAlerts",
                column: "LicenceNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Documents_CaseId",
                table: "Documents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_NoticeId",
                table: "Documents",
                column: "NoticeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicenceExtensions_LicenceId",
                table: "LicenceExtensions",
                column: "LicenceId");

            migrationBuilder.CreateIndex(
                name: "IX_LicenceExtensions_NoticeId_LicenceId",
                table: "LicenceExtensions",
                columns: new[] { "NoticeId", "LicenceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicenceReminders_LicenceNumber_Kind_ForUntil",
                table: "LicenceReminders",
                columns: new[] { "LicenceNumber", "Kind", "ForUntil" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicenceReminders_Status",
                table: "LicenceReminders",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_LicenceSequences_Prefix_Year",
                table: "LicenceSequences",
                columns: new[] { "Prefix", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Licences_CaseId",
                table: "Licences",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Licences_Department_ValidUntil",
                table: "Licences",
                columns: new[] { "Department", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_Licences_Holder",
                table: "Licences",
                column: "Holder");

            migrationBuilder.CreateIndex(
                name: "IX_Licences_Number",
                table: "Licences",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Matters_Code",
                table: "Matters",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notices_CaseId",
                table: "Notices",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_OnTimeAlerts_MatterCode_PeriodFrom",
                table: "OnTimeAlerts",
                columns: new[] { "MatterCode", "PeriodFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureVersions_DefinitionId_Version",
                table: "ProcedureVersions",
                columns: new[] { "DefinitionId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffAlerts_Recipient_OnTimeAlertId",
                table: "StaffAlerts",
                columns: new[] { "Recipient", "OnTimeAlertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffAlerts_Recipient_SentAt",
                table: "StaffAlerts",
                columns: new[] { "Recipient", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Assignee_Status_DueAt_Id",
                table: "Tasks",
                columns: new[] { "Assignee", "Status", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_CaseId_LocalId",
                table: "Tasks",
                columns: new[] { "CaseId", "LocalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Department_Status_DueAt_Id",
                table: "Tasks",
                columns: new[] { "Department", "Status", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Timers_CaseId_LocalId",
                table: "Timers",
                columns: new[] { "CaseId", "LocalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Timers_Status_DueAt",
                table: "Timers",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkingDepartments_Department_CreatedAt_RootCaseId",
                table: "WorkingDepartments",
                columns: new[] { "Department", "CreatedAt", "RootCaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicantKeys");

            migrationBuilder.DropTable(
                name: "ApplicantProfiles");

            migrationBuilder.DropTable(
                name: "ApplicationLicences");

            migrationBuilder.DropTable(
                name: "ApplicationMaterials");

            migrationBuilder.DropTable(
                name: "ApplicationSignatures");

            migrationBuilder.DropTable(
                name: "AssistanceRequests");

            migrationBuilder.DropTable(
                name: "AuditCheckpoints");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CaseArchives");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropTable(
                name: "CorrectionRequests");

            migrationBuilder.DropTable(
                name: "DeliveryAlerts");

            migrationBuilder.DropTable(
                name: "Documents");

            migrationBuilder.DropTable(
                name: "ExtensionNotices");

            migrationBuilder.DropTable(
                name: "LicenceExtensions");

            migrationBuilder.DropTable(
                name: "LicenceReminders");

            migrationBuilder.DropTable(
                name: "LicenceSequences");

            migrationBuilder.DropTable(
                name: "Licences");

            migrationBuilder.DropTable(
                name: "Matters");

            migrationBuilder.DropTable(
                name: "OnTimeAlerts");

            migrationBuilder.DropTable(
                name: "ProcedureVersions");

            migrationBuilder.DropTable(
                name: "StaffAlerts");

            migrationBuilder.DropTable(
                name: "Tasks");

            migrationBuilder.DropTable(
                name: "Timers");

            migrationBuilder.DropTable(
                name: "WorkingDepartments");

            migrationBuilder.DropTable(
                name: "Applications");

            migrationBuilder.DropTable(
                name: "Notices");
        }
    }
}
