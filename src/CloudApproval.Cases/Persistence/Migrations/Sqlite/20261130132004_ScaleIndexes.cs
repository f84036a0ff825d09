using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ParentCaseId",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ParentCaseId_CreatedAt_Id",
                table: "Cases",
                columns: new[] { "ParentCaseId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_ClockDueDate",
                table: "Cases",
                columns: new[] { "Status", "ClockDueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ParentCaseId_CreatedAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_ClockDueDate",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ParentCaseId",
                table: "Cases",
                column: "ParentCaseId");
        }
    }
}
