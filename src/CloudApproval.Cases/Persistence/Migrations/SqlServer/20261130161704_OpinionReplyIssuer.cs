using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OpinionReplyIssuer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Issuer",
                table: "Notices",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Issuer",
                table: "Notices");
        }
    }
}
