using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OnlineServiceDocumentsLicencesArchives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApplicationMaterials_ApplicationId_MaterialCode",
                table: "ApplicationMaterials");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadAt",
                table: "Notices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServiceMethod",
                table: "Notices",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentJson",
                table: "Licences",
                type: "TEXT",
                maxLength: 2147483647,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveredAt",
                table: "Licences",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveredBy",
                table: "Licences",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "Licences",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiredAt",
                table: "Licences",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtendedUntil",
                table: "Licences",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExtensionNoticeId",
                table: "Licences",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Holder",
                table: "Licences",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HolderName",
                table: "Licences",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MatterCode",
                table: "Licences",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SealJson",
                table: "Licences",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeferredJson",
                table: "Applications",
                type: "TEXT",
                maxLength: 2147483647,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Pending",
                table: "ApplicationMaterials",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupersededAt",
                table: "ApplicationMaterials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ApplicationMaterials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ApplicantKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 130, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicantKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationLicences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MaterialCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LicenceNumber = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    LicenceType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedByCase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AttachedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "ApplicationSignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Signer = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CanonicalText = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 130, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "CaseArchives",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SealId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProducedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseArchives", x => x.CaseId);
                });

            migrationBuilder.CreateTable(
                name: "CorrectionRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TaskId = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemsJson = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: false),
                    DeadlineAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Consequence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                name: "DeliveryAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LicenceNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Documents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NoticeId = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Template = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    SealId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    SealDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealSignature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SealPublicKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "ExtensionNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MatterCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LicenceType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ExpiringFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiringTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NewValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExtendMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AppliedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApplyStartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RowVersion = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtensionNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicenceExtensions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoticeId = table.Column<long>(type: "INTEGER", nullable: false),
                    LicenceId = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NewUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceExtensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicenceReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LicenceNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ForUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HangfireJobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceReminders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicenceSequences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false),
                    RowVersion = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceSequences", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Licences_Department_ValidUntil",
                table: "Licences",
                columns: new[] { "Department", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_Licences_Holder",
                table: "Licences",
                column: "Holder");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMaterials_ApplicationId_MaterialCode_Version",
                table: "ApplicationMaterials",
                columns: new[] { "ApplicationId", "MaterialCode", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantKeys_UserName",
                table: "ApplicantKeys",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationLicences_ApplicationId_MaterialCode",
                table: "ApplicationLicences",
                columns: new[] { "ApplicationId", "MaterialCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationSignatures_ApplicationId_Kind_Revision",
                table: "ApplicationSignatures",
                columns: new[] { "ApplicationId", "Kind", "Revision" },
                unique: true);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicantKeys");

            migrationBuilder.DropTable(
                name: "ApplicationLicences");

            migrationBuilder.DropTable(
                name: "ApplicationSignatures");

            migrationBuilder.DropTable(
                name: "CaseArchives");

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

            migrationBuilder.DropIndex(
                name: "IX_Licences_Department_ValidUntil",
                table: "Licences");

            migrationBuilder.DropIndex(
                name: "IX_Licences_Holder",
                table: "Licences");

            migrationBuilder.DropIndex(
                name: "IX_ApplicationMaterials_ApplicationId_MaterialCode_Version",
                table: "ApplicationMaterials");

            migrationBuilder.DropColumn(
                name: "ReadAt",
                table: "Notices");

            migrationBuilder.DropColumn(
                name: "ServiceMethod",
                table: "Notices");

            migrationBuilder.DropColumn(
                name: "ContentJson",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "DeliveredBy",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "Department",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "ExpiredAt",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "ExtendedUntil",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "ExtensionNoticeId",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "Holder",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "HolderName",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "MatterCode",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "SealJson",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "DeferredJson",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Pending",
                table: "ApplicationMaterials");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "ApplicationMaterials");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ApplicationMaterials");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMaterials_ApplicationId_MaterialCode",
                table: "ApplicationMaterials",
                columns: new[] { "ApplicationId", "MaterialCode" },
                unique: true);
        }
    }
}
