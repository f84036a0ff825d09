using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MatterCaseColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_UpdatedAt",
                table: "Cases");

            migrationBuilder.AddColumn<string>(
                name: "MatterCode",
                table: "Cases",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Cases applied for before the column existed: their application's matter, as SubmitApplication now sets it. Not in
            // the row digest, so the seal is unchanged; the consistency check compares the column with the application.
            migrationBuilder.Sql("""
                UPDATE "Cases"
                SET "MatterCode" = (SELECT "a"."MatterCode" FROM "Applications" AS "a" WHERE "a"."CaseId" = "Cases"."Id" LIMIT 1)
                WHERE "MatterCode" IS NULL AND EXISTS (SELECT 1 FROM "Applications" AS "a" WHERE "a"."CaseId" = "Cases"."Id")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_MatterCode_Status_UpdatedAt",
                table: "Cases",
                columns: new[] { "MatterCode", "Status", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_MatterCode_Status_UpdatedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "MatterCode",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UpdatedAt",
                table: "Cases",
                column: "UpdatedAt");
        }
    }
}
