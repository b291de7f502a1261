using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuthorityRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "authority_notifications",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    authority_reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    changes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    snapshot = table.Column<string>(type: "jsonb", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authority_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_authority_notifications_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "authority_records",
                columns: table => new
                {
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    certainty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ongoing = table.Column<bool>(type: "boolean", nullable: true),
                    how_discovered = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    origins = table.Column<long>(type: "bigint", nullable: true),
                    origin_detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    types = table.Column<long>(type: "bigint", nullable: true),
                    cause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    processors = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    people_categories = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    approximate_people = table.Column<long>(type: "bigint", nullable: true),
                    directly_identifiable = table.Column<bool>(type: "boolean", nullable: true),
                    approximate_records = table.Column<long>(type: "bigint", nullable: true),
                    storage_medium = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    consequences = table.Column<long>(type: "bigint", nullable: true),
                    consequences_detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    immediate_measures = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    medium_term_measures = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    long_term_measures = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    informed = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    how_informed = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    late_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authority_records", x => x.incident_id);
                    table.ForeignKey(
                        name: "fk_authority_records_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_authority_notifications_incident_id_sent_at",
                table: "authority_notifications",
                columns: new[] { "incident_id", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_authority_notifications_one_initial",
                table: "authority_notifications",
                column: "incident_id",
                unique: true,
                filter: "kind = 'Initial'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "authority_notifications");

            migrationBuilder.DropTable(
                name: "authority_records");
        }
    }
}
