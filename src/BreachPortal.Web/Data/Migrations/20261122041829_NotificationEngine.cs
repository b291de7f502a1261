using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reference codes are made where the rows are made (set-based launch): 60 of the 62 random bits of a
            // version-4 UUID's second half, in Crockford's base 32, grouped XXXX-XXXX-XXXX.
            migrationBuilder.Sql("""
                CREATE FUNCTION portal_reference_code() RETURNS text LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
                SELECT string_agg(
                    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r.v >> (5 * (11 - i))) & 31)::int + 1, 1)
                    || CASE WHEN i IN (3, 7) THEN '-' ELSE '' END, '' ORDER BY i)
                FROM (SELECT ('x' || encode(substring(uuid_send(gen_random_uuid()) FROM 9 FOR 8), 'hex'))::bit(64)::bigint AS v) r,
                     generate_series(0, 11) AS i
                $$
                """);
            migrationBuilder.CreateTable(
                name: "dispatcher_instances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispatcher_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sms_receipts",
                columns: table => new
                {
                    signature_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sms_receipts", x => x.signature_hash);
                });

            migrationBuilder.CreateTable(
                name: "templates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<short>(type: "smallint", nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    html_body = table.Column<string>(type: "text", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_templates", x => x.id);
                    table.CheckConstraint("ck_templates_email_parts", "channel <> 1 OR (subject IS NOT NULL AND html_body IS NOT NULL)");
                    table.CheckConstraint("ck_templates_language", "language IN ('fr', 'en')");
                    table.CheckConstraint("ck_templates_sms_parts", "channel <> 2 OR (subject IS NULL AND html_body IS NULL)");
                    table.ForeignKey(
                        name: "fk_templates_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    policy = table.Column<short>(type: "smallint", nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    email_template_id = table.Column<int>(type: "integer", nullable: true),
                    sms_template_id = table.Column<int>(type: "integer", nullable: true),
                    emails_per_second = table.Column<int>(type: "integer", nullable: false),
                    sms_per_second = table.Column<int>(type: "integer", nullable: false),
                    sms_window_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    sms_window_end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by = table.Column<Guid>(type: "uuid", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ledger_complete = table.Column<bool>(type: "boolean", nullable: false),
                    people_count = table.Column<long>(type: "bigint", nullable: true),
                    unreachable_count = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                    table.CheckConstraint("ck_campaigns_four_eyes", "approved_by IS NULL OR approved_by <> created_by");
                    table.CheckConstraint("ck_campaigns_language", "language IN ('fr', 'en')");
                    table.CheckConstraint("ck_campaigns_rates", "emails_per_second > 0 AND sms_per_second > 0");
                    table.ForeignKey(
                        name: "fk_campaigns_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_campaigns_templates_email_template_id",
                        column: x => x.email_template_id,
                        principalTable: "templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_campaigns_templates_sms_template_id",
                        column: x => x.sms_template_id,
                        principalTable: "templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: true),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    channel = table.Column<short>(type: "smallint", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    priority = table.Column<short>(type: "smallint", nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    reference_code = table.Column<string>(type: "character(14)", fixedLength: true, maxLength: 14, nullable: false),
                    attempts = table.Column<short>(type: "smallint", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_token = table.Column<Guid>(type: "uuid", nullable: true),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    provider_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    fallback_for = table.Column<long>(type: "bigint", nullable: true),
                    content = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messages", x => x.id);
                    table.CheckConstraint("ck_messages_language", "language IN ('fr', 'en')");
                    table.CheckConstraint("ck_messages_lease", "status <> 1 OR (lease_token IS NOT NULL AND lease_expires_at IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_messages_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_email_template_id",
                table: "campaigns",
                column: "email_template_id");

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_incident_id",
                table: "campaigns",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_sms_template_id",
                table: "campaigns",
                column: "sms_template_id");

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_status",
                table: "campaigns",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_messages_campaign_id_person_id_channel",
                table: "messages",
                columns: new[] { "campaign_id", "person_id", "channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messages_due",
                table: "messages",
                columns: new[] { "campaign_id", "channel", "next_attempt_at" },
                filter: "status IN (0, 4)");

            migrationBuilder.CreateIndex(
                name: "ix_messages_leased",
                table: "messages",
                column: "lease_expires_at",
                filter: "status = 1");

            migrationBuilder.CreateIndex(
                name: "ix_messages_person_id",
                table: "messages",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_messages_provider_reference",
                table: "messages",
                column: "provider_reference",
                filter: "provider_reference IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_messages_reference_code",
                table: "messages",
                column: "reference_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sms_receipts_received_at",
                table: "sms_receipts",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_templates_incident_id_channel_language_version",
                table: "templates",
                columns: new[] { "incident_id", "channel", "language", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION portal_reference_code()");
            migrationBuilder.DropTable(
                name: "dispatcher_instances");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "sms_receipts");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "templates");
        }
    }
}
