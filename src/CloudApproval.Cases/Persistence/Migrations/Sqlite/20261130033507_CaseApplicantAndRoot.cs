using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseApplicantAndRoot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Applicant",
                table: "Cases",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RootCaseId",
                table: "Cases",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            // Existing trees: a root is its own root; each level below takes its parent's (sub-procedures nest at most
            // ProcedureRunner.MaxNestingDepth = 8 deep, so nine passes reach every level). Same SQL on both providers.
            migrationBuilder.Sql("UPDATE Cases SET RootCaseId = Id WHERE ParentCaseId IS NULL");
            for (var level = 0; level < 9; level++)
                migrationBuilder.Sql("UPDATE Cases SET RootCaseId = (SELECT p.RootCaseId FROM Cases p WHERE p.Id = Cases.ParentCaseId) WHERE ParentCaseId IS NOT NULL AND RootCaseId = ''");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Applicant_CreatedAt_Id",
                table: "Cases",
                columns: new[] { "Applicant", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RootCaseId",
                table: "Cases",
                column: "RootCaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Applicant_CreatedAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_RootCaseId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Applicant",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RootCaseId",
                table: "Cases");
        }
    }
}
