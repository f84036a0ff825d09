using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudApproval.Cases.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MattersAndApplicants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApplicantProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    CreditCode = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    LegalRepresentativeName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    LegalRepresentativeIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    IdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    AgentName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    AgentIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    VerificationLevel = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    VerifiedBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    SeriousBadCredit = table.Column<bool>(type: "bit", nullable: false),
                    FalseCommitment = table.Column<bool>(type: "bit", nullable: false),
                    CreditRecordedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreditRecordedBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    EServiceConsented = table.Column<bool>(type: "bit", nullable: false),
                    EServiceScope = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    EServiceRecordedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicantProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Matters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    NameZh = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DefinitionId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", maxLength: 2147483647, nullable: false),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ImportedBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RowVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Matters", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantProfiles_UserName",
                table: "ApplicantProfiles",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Matters_Code",
                table: "Matters",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicantProfiles");

            migrationBuilder.DropTable(
                name: "Matters");
        }
    }
}
