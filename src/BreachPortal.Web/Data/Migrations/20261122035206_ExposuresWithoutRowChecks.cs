using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExposuresWithoutRowChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_exposures_incidents_incident_id",
                table: "exposures");

            migrationBuilder.DropForeignKey(
                name: "fk_exposures_people_person_id",
                table: "exposures");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_exposures_incidents_incident_id",
                table: "exposures",
                column: "incident_id",
                principalTable: "incidents",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_exposures_people_person_id",
                table: "exposures",
                column: "person_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
