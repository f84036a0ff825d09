using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ScopedSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SharedMaterials",
                table: "Tasks",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "Cases",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Department_CreatedAt_Id",
                table: "Cases",
                columns: new[] { "Department", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Department_CreatedAt_Id",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SharedMaterials",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "Department",
                table: "Cases");
        }
    }
}
