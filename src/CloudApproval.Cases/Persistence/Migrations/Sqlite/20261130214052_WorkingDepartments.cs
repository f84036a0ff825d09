using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkingDepartments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkingDepartments",
                columns: table => new
                {
                    RootCaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkingDepartments", x => new { x.RootCaseId, x.Department });
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkingDepartments_Department_CreatedAt_RootCaseId",
                table: "WorkingDepartments",
                columns: new[] { "Department", "CreatedAt", "RootCaseId" });

            // Existing trees: each department with a task of its own work (not one only shared with it) in the tree.
            migrationBuilder.Sql("""
                INSERT INTO "WorkingDepartments" ("RootCaseId", "Department", "CreatedAt")
                SELECT DISTINCT s."RootCaseId", t."Department", r."CreatedAt"
                FROM "Tasks" t
                JOIN "Cases" s ON s."Id" = t."CaseId"
                JOIN "Cases" r ON r."Id" = s."RootCaseId"
                WHERE t."SharedMaterials" IS NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkingDepartments");
        }
    }
}
