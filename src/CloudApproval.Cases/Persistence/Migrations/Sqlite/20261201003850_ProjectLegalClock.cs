using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProjectLegalClock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_ClockDueDate",
                table: "Cases");

            // Rows written before the clock columns existed (LegalClock NULL though their state has a clock): projected from
            // the state as Transition projects it (the clock's status; extended when it has extension days), so the overdue
            // search can trust the column. Neither column is in the row digest, so the seal is unchanged. A state that is not
            // valid JSON is left as it is: the consistency check and audit verify name it.
            migrationBuilder.Sql("""
                UPDATE "Cases"
                SET "LegalClock" = CASE json_extract("StateJson", '$.clock.status')
                        WHEN 'running' THEN 'Running' WHEN 'suspended' THEN 'Suspended' WHEN 'stopped' THEN 'Stopped' END,
                    "ClockExtended" = COALESCE(json_extract("StateJson", '$.clock.extensionWorkingDays'), 0) > 0
                WHERE "LegalClock" IS NULL
                  AND CASE WHEN json_valid("StateJson") THEN json_type("StateJson", '$.clock') = 'object' ELSE 0 END
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_LegalClock_ClockDueDate",
                table: "Cases",
                columns: new[] { "Status", "LegalClock", "ClockDueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_LegalClock_ClockDueDate",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_ClockDueDate",
                table: "Cases",
                columns: new[] { "Status", "ClockDueDate" });
        }
    }
}
