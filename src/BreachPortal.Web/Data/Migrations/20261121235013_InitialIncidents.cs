using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    exposed_data = table.Column<long>(type: "bigint", nullable: false),
                    not_exposed_data = table.Column<long>(type: "bigint", nullable: false),
                    estimated_people = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    authority_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    authority_notified_precision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    detected_precision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    disclosed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disclosed_precision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    dpo_contact_en = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    dpo_contact_fr = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_precision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    likely_consequences_en = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    likely_consequences_fr = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    measures_en = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    measures_fr = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    people_note_en = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    people_note_fr = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_precision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    summary_en = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    summary_fr = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    timeline_note_en = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    timeline_note_fr = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_fr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    vector_en = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    vector_fr = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                    table.CheckConstraint("ck_incidents_estimated_people_positive", "estimated_people >= 0");
                    table.CheckConstraint("ck_incidents_exposed_not_exposed_disjoint", "exposed_data & not_exposed_data = 0");
                    table.CheckConstraint("ck_incidents_reference_format", "reference ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'");
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_reference",
                table: "incidents",
                column: "reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
