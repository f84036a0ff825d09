using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "Cases",
                type: "TEXT",
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
