using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CitizenChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "check_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    person_ids = table.Column<long[]>(type: "bigint[]", nullable: false),
                    contact_kind = table.Column<short>(type: "smallint", nullable: false),
                    masked_contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_check_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fake_message_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<short>(type: "smallint", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: true),
                    claimed_reference_code = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: true),
                    claimed_reference_known = table.Column<bool>(type: "boolean", nullable: false),
                    sender_masked = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    link_hosts = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fake_message_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rate_limit_hits",
                columns: table => new
                {
                    limit_name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rate_limit_hits", x => new { x.limit_name, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "verification_codes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    contact_index = table.Column<byte[]>(type: "bytea", nullable: false),
                    code_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    person_ids = table.Column<long[]>(type: "bigint[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<short>(type: "smallint", nullable: false),
                    consumed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_verification_codes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_check_sessions_expires_at",
                table: "check_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_check_sessions_token_hash",
                table: "check_sessions",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fake_message_reports_created_at",
                table: "fake_message_reports",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_rate_limit_hits_hour",
                table: "rate_limit_hits",
                column: "hour");

            migrationBuilder.CreateIndex(
                name: "ix_verification_codes_contact_index",
                table: "verification_codes",
                column: "contact_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_verification_codes_expires_at",
                table: "verification_codes",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_sessions");

            migrationBuilder.DropTable(
                name: "fake_message_reports");

            migrationBuilder.DropTable(
                name: "rate_limit_hits");

            migrationBuilder.DropTable(
                name: "verification_codes");
        }
    }
}
