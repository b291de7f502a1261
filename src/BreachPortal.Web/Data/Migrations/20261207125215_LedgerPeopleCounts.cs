using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <summary>The last count of the distinct people each incident's ledger reached, kept with what it was counted against (issue #19).</summary>
    public partial class LedgerPeopleCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_people_counts",
                columns: table => new
                {
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    fingerprint = table.Column<string>(type: "text", nullable: false),
                    counted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    figures = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_people_counts", x => x.incident_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_people_counts");
        }
    }
}
