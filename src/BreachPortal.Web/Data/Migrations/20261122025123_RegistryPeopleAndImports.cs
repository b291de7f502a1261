using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistryPeopleAndImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    started_by = table.Column<Guid>(type: "uuid", nullable: true),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    upload_token = table.Column<Guid>(type: "uuid", nullable: true),
                    file_sha256 = table.Column<byte[]>(type: "bytea", nullable: true),
                    bytes_expected = table.Column<long>(type: "bigint", nullable: true),
                    bytes_read = table.Column<long>(type: "bigint", nullable: false),
                    rows_read = table.Column<long>(type: "bigint", nullable: false),
                    imported = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false),
                    duplicates = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    failure = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_batches_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    nir_index = table.Column<byte[]>(type: "bytea", nullable: true),
                    france_travail_id_index = table.Column<byte[]>(type: "bytea", nullable: true),
                    email_index = table.Column<byte[]>(type: "bytea", nullable: true),
                    phone_index = table.Column<byte[]>(type: "bytea", nullable: true),
                    payload = table.Column<byte[]>(type: "bytea", nullable: true),
                    key_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    held_data = table.Column<long>(type: "bigint", nullable: false),
                    first_batch_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retain_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    purged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                    table.CheckConstraint("ck_people_purged_has_nothing", "purged_at IS NULL OR (payload IS NULL AND nir_index IS NULL AND france_travail_id_index IS NULL AND email_index IS NULL AND phone_index IS NULL)");
                });

            migrationBuilder.CreateTable(
                name: "import_rejects",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    batch_id = table.Column<long>(type: "bigint", nullable: false),
                    line = table.Column<long>(type: "bigint", nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    same_as_line = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_rejects", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_rejects_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exposures",
                columns: table => new
                {
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    categories = table.Column<long>(type: "bigint", nullable: false),
                    batch_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exposures", x => new { x.incident_id, x.person_id });
                    table.ForeignKey(
                        name: "fk_exposures_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_exposures_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exposures_person_id",
                table: "exposures",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_file_sha256",
                table: "import_batches",
                column: "file_sha256",
                unique: true,
                filter: "status = 'Completed'");

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_incident_id_started_at",
                table: "import_batches",
                columns: new[] { "incident_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_upload_token",
                table: "import_batches",
                column: "upload_token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_rejects_batch_id_line",
                table: "import_rejects",
                columns: new[] { "batch_id", "line" });

            migrationBuilder.CreateIndex(
                name: "ix_people_email_index",
                table: "people",
                column: "email_index");

            migrationBuilder.CreateIndex(
                name: "ix_people_france_travail_id_index",
                table: "people",
                column: "france_travail_id_index");

            migrationBuilder.CreateIndex(
                name: "ix_people_nir_index",
                table: "people",
                column: "nir_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_phone_index",
                table: "people",
                column: "phone_index");

            migrationBuilder.CreateIndex(
                name: "ix_people_retain_until",
                table: "people",
                column: "retain_until",
                filter: "purged_at IS NULL AND retain_until IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exposures");

            migrationBuilder.DropTable(
                name: "import_rejects");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "import_batches");
        }
    }
}
