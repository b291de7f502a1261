using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistryBulkLoadIndexes : Migration
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

            migrationBuilder.DropIndex(
                name: "ix_people_email_index",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_france_travail_id_index",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_phone_index",
                table: "people");

            migrationBuilder.CreateIndex(
                name: "ix_people_email_index",
                table: "people",
                column: "email_index")
                .Annotation("Npgsql:IndexMethod", "hash");

            migrationBuilder.CreateIndex(
                name: "ix_people_france_travail_id_index",
                table: "people",
                column: "france_travail_id_index")
                .Annotation("Npgsql:IndexMethod", "hash");

            migrationBuilder.CreateIndex(
                name: "ix_people_phone_index",
                table: "people",
                column: "phone_index")
                .Annotation("Npgsql:IndexMethod", "hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_people_email_index",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_france_travail_id_index",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_phone_index",
                table: "people");

            migrationBuilder.CreateIndex(
                name: "ix_people_email_index",
                table: "people",
                column: "email_index");

            migrationBuilder.CreateIndex(
                name: "ix_people_france_travail_id_index",
                table: "people",
                column: "france_travail_id_index");

            migrationBuilder.CreateIndex(
                name: "ix_people_phone_index",
                table: "people",
                column: "phone_index");

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
