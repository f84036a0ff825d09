using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TimerPump : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Timers_Status",
                table: "Timers");

            migrationBuilder.DropColumn(
                name: "HangfireJobId",
                table: "Timers");

            migrationBuilder.CreateIndex(
                name: "IX_Timers_Status_DueAt",
                table: "Timers",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Timers_Status_DueAt",
                table: "Timers");

            migrationBuilder.AddColumn<string>(
                name: "HangfireJobId",
                table: "Timers",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Timers_Status",
                table: "Timers",
                column: "Status");
        }
    }
}
