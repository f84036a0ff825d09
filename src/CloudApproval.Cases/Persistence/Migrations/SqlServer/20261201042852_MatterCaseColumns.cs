using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.SqlServer
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
                type: "nvarchar(max)",
                maxLength: 2147483647,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MatterCode",
                table: "Cases",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            // Rows written before the columns existed, projected as Transition and SubmitApplication now write them: the
            // application's matter, and the state's clock (a state that is not valid JSON is left for the consistency check
            // and audit verify to name). Neither column is in the row digest, so the seal is unchanged.
            migrationBuilder.Sql("""
                UPDATE [c]
                SET [c].[MatterCode] = [a].[MatterCode]
                FROM [Cases] AS [c]
                INNER JOIN [Applications] AS [a] ON [a].[CaseId] = [c].[Id]
                WHERE [c].[MatterCode] IS NULL
                """);
            migrationBuilder.Sql("""
                UPDATE [Cases]
                SET [ClockJson] = JSON_QUERY([StateJson], '$.clock')
                WHERE ISJSON([StateJson]) = 1
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
