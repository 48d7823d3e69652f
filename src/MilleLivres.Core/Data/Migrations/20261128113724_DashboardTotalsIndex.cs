using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MilleLivres.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardTotalsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DistributionRows_ReportId_AgeBandId",
                table: "DistributionRows");

            migrationBuilder.CreateIndex(
                name: "IX_DistributionRows_ReportId_AgeBandId_Totals",
                table: "DistributionRows",
                columns: new[] { "ReportId", "AgeBandId", "BooksHandedOut", "ChildrenReached", "RecordedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DistributionRows_ReportId_AgeBandId_Totals",
                table: "DistributionRows");

            migrationBuilder.CreateIndex(
                name: "IX_DistributionRows_ReportId_AgeBandId",
                table: "DistributionRows",
                columns: new[] { "ReportId", "AgeBandId" });
        }
    }
}
