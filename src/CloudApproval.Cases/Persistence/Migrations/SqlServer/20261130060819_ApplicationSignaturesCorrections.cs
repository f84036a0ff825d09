using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ApplicationSignaturesCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApplicationMaterials_ApplicationId_MaterialCode",
                table: "ApplicationMaterials");

            migrationBuilder.AddColumn<string>(
                name: "DeferredJson",
                table: "Applications",
                type: "nvarchar(max)",
                maxLength: 2147483647,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Applications",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Pending",
                table: "ApplicationMaterials",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupersededAt",
                table: "ApplicationMaterials",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ApplicationMaterials",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "ApplicantKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    PublicKey = table.Column<string>(type: "nvarchar(130)", maxLength: 130, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "nvarchar(max)", maxLength: 2147483647, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicantKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationLicences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ApplicationId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    MaterialCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    LicenceNumber = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    LicenceType = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    IssuedByCase = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    AttachedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ApplicationId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    Signer = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CanonicalText = table.Column<string>(type: "nvarchar(max)", maxLength: 2147483647, nullable: false),
                    Signature = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false),
                    PublicKey = table.Column<string>(type: "nvarchar(130)", maxLength: 130, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ApplicationId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    CaseId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TaskId = table.Column<long>(type: "bigint", nullable: false),
                    ItemsJson = table.Column<string>(type: "nvarchar(max)", maxLength: 2147483647, nullable: false),
                    DeadlineAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Consequence = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                name: "CorrectionRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApplicationMaterials_ApplicationId_MaterialCode_Version",
                table: "ApplicationMaterials");

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
