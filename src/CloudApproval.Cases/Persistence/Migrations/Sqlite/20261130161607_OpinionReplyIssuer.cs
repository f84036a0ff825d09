using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.Sqlite
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
                type: "TEXT",
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
