using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Licences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentJson",
                table: "Licences",
                type: "nvarchar(max)",
                maxLength: 2147483647,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveredAt",
                table: "Licences",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveredBy",
                table: "Licences",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "Licences",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiredAt",
                table: "Licences",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtendedUntil",
                table: "Licences",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExtensionNoticeId",
                table: "Licences",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Holder",
                table: "Licences",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HolderName",
                table: "Licences",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MatterCode",
                table: "Licences",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SealJson",
                table: "Licences",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeliveryAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LicenceNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Department = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    MatterCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    LicenceType = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    ExpiringFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiringTo = table.Column<DateOnly>(type: "date", nullable: false),
                    NewValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ExtendMonths = table.Column<int>(type: "int", nullable: true),
                    LegalBasis = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Total = table.Column<int>(type: "int", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AppliedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ApplyStartedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    NoticeId = table.Column<long>(type: "bigint", nullable: false),
                    LicenceId = table.Column<long>(type: "bigint", nullable: false),
                    PreviousUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    NewUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LicenceNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ForUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    DueAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DoneAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    HangfireJobId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Prefix = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Last = table.Column<int>(type: "int", nullable: false),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
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
                name: "IX_DeliveryAlerts_Department_ResolvedAt",
                table: "DeliveryAlerts",
                columns: new[] { "Department", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryAlerts_LicenceNumber",
                table: "DeliveryAlerts",
                column: "LicenceNumber",
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
                name: "DeliveryAlerts");

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
        }
    }
}
