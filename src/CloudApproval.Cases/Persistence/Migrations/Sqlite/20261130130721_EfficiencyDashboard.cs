using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EfficiencyDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OnTimeAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MatterCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Decided = table.Column<int>(type: "INTEGER", nullable: false),
                    WithinLegal = table.Column<int>(type: "INTEGER", nullable: false),
                    OnTimePercent = table.Column<double>(type: "REAL", nullable: false),
                    ThresholdPercent = table.Column<double>(type: "REAL", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnTimeAlerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UpdatedAt",
                table: "Cases",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OnTimeAlerts_MatterCode_PeriodFrom",
                table: "OnTimeAlerts",
                columns: new[] { "MatterCode", "PeriodFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OnTimeAlerts");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UpdatedAt",
                table: "Cases");
        }
    }
}
