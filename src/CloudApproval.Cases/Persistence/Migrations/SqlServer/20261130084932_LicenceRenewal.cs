using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LicenceRenewal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeemedRenewedAt",
                table: "Licences",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DeemedRenewedFrom",
                table: "Licences",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenewedBy",
                table: "Licences",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenewsLicence",
                table: "Applications",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RenewsLicence",
                table: "Applications",
                column: "RenewsLicence");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_RenewsLicence",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "DeemedRenewedAt",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "DeemedRenewedFrom",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "RenewedBy",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "RenewsLicence",
                table: "Applications");
        }
    }
}
