using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MatterCaseColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_UpdatedAt",
                table: "Cases");

            migrationBuilder.AddColumn<string>(
                name: "ClockJson",
                table: "Cases",
                type: "TEXT",
                maxLength: 2147483647,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MatterCode",
                table: "Cases",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Rows written before the columns existed, projected as Transition and SubmitApplication now write them: the
            // application's matter, and the state's clock (a state that is not valid JSON is left for the consistency check
            // and audit verify to name). Neither column is in the row digest, so the seal is unchanged.
            migrationBuilder.Sql("""
                UPDATE "Cases"
                SET "MatterCode" = (SELECT "a"."MatterCode" FROM "Applications" AS "a" WHERE "a"."CaseId" = "Cases"."Id" LIMIT 1)
                WHERE "MatterCode" IS NULL AND EXISTS (SELECT 1 FROM "Applications" AS "a" WHERE "a"."CaseId" = "Cases"."Id")
                """);
            migrationBuilder.Sql("""
                UPDATE "Cases"
                SET "ClockJson" = json_extract("StateJson", '$.clock')
                WHERE CASE WHEN json_valid("StateJson") THEN json_type("StateJson", '$.clock') = 'object' ELSE 0 END
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
                name: "ClockJson",
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
