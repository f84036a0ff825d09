using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.SqlServer
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
            // valid JSON is left as it is (CASE: SQL Server does not promise to test ISJSON first in a WHERE): the consistency
            // check and audit verify name it.
            migrationBuilder.Sql("""
                UPDATE [Cases]
                SET [LegalClock] = CASE JSON_VALUE([StateJson], '$.clock.status')
                        WHEN 'running' THEN 'Running' WHEN 'suspended' THEN 'Suspended' WHEN 'stopped' THEN 'Stopped' END,
                    [ClockExtended] = CASE WHEN TRY_CAST(JSON_VALUE([StateJson], '$.clock.extensionWorkingDays') AS int) > 0 THEN 1 ELSE 0 END
                WHERE [LegalClock] IS NULL
                  AND CASE WHEN ISJSON([StateJson]) = 1 THEN JSON_VALUE([StateJson], '$.clock.status') END IS NOT NULL
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
