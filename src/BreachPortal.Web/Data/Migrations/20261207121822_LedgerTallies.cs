using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <summary>
    /// Campaign figures kept by the database (issue #19): each statement on <c>messages</c> appends what it changed,
    /// grouped, to <c>ledger_tally_changes</c> (rows in +1, rows out −1), which the dispatcher's upkeep folds into
    /// <c>ledger_tallies</c>. Existing campaigns are tallied here from their rows, in the same transaction.
    /// </summary>
    public partial class LedgerTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_tallies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<short>(type: "smallint", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sent_hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    messages = table.Column<long>(type: "bigint", nullable: false),
                    last_ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_tallies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_tally_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<short>(type: "smallint", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sent_hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    messages = table.Column<long>(type: "bigint", nullable: false),
                    last_ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_tally_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_tallies_group",
                table: "ledger_tallies",
                columns: new[] { "campaign_id", "channel", "status", "failure_reason", "sent_hour", "ended_hour" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_tally_changes_campaign_id_at",
                table: "ledger_tally_changes",
                columns: new[] { "campaign_id", "at" });

            migrationBuilder.Sql(TotalsView);
            migrationBuilder.Sql(TallyFunction);
            migrationBuilder.Sql("""
                CREATE TRIGGER messages_tally_insert AFTER INSERT ON messages
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_ledger_tally();
                CREATE TRIGGER messages_tally_update AFTER UPDATE ON messages
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_ledger_tally();
                CREATE TRIGGER messages_tally_delete AFTER DELETE ON messages
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_ledger_tally();
                """);
            migrationBuilder.Sql("""
                INSERT INTO ledger_tallies (campaign_id, channel, status, failure_reason, sent_hour, ended_hour, messages, last_ended_at)
                SELECT campaign_id, channel, status, failure_reason, date_trunc('hour', sent_at, 'UTC'), date_trunc('hour', completed_at, 'UTC'), count(*), max(completed_at)
                FROM messages WHERE campaign_id IS NOT NULL
                GROUP BY 1, 2, 3, 4, 5, 6
                """);
        }

        private const string TotalsView = """
            CREATE VIEW ledger_tally_totals AS
            SELECT campaign_id, channel, status, failure_reason, sent_hour, ended_hour, messages, last_ended_at FROM ledger_tallies
            UNION ALL
            SELECT campaign_id, channel, status, failure_reason, sent_hour, ended_hour, messages, last_ended_at FROM ledger_tally_changes
            """;

        // A change's time is its rows' own (accepted, else ended, else now): the progress page's rate counts what
        // reached a done status in the last minute by the rows' times, and a row's later moves (a receipt) keep the
        // time of its first. One-time codes (no campaign) are not tallied. Groups whose rows only moved within
        // themselves (a lease renewed, an attempt counted) add up to zero and are left out.
        private const string TallyFunction = """
            CREATE FUNCTION portal_ledger_tally() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO ledger_tally_changes (at, campaign_id, channel, status, failure_reason, sent_hour, ended_hour, messages, last_ended_at)
                    SELECT max(coalesce(sent_at, completed_at, now())), campaign_id, channel, status, failure_reason,
                           date_trunc('hour', sent_at, 'UTC'), date_trunc('hour', completed_at, 'UTC'), count(*), max(completed_at)
                    FROM new_rows WHERE campaign_id IS NOT NULL
                    GROUP BY campaign_id, channel, status, failure_reason, date_trunc('hour', sent_at, 'UTC'), date_trunc('hour', completed_at, 'UTC');
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO ledger_tally_changes (at, campaign_id, channel, status, failure_reason, sent_hour, ended_hour, messages, last_ended_at)
                    SELECT max(coalesce(sent_at, completed_at, now())), campaign_id, channel, status, failure_reason,
                           date_trunc('hour', sent_at, 'UTC'), date_trunc('hour', completed_at, 'UTC'), -count(*), NULL
                    FROM old_rows WHERE campaign_id IS NOT NULL
                    GROUP BY campaign_id, channel, status, failure_reason, date_trunc('hour', sent_at, 'UTC'), date_trunc('hour', completed_at, 'UTC');
                ELSE
                    INSERT INTO ledger_tally_changes (at, campaign_id, channel, status, failure_reason, sent_hour, ended_hour, messages, last_ended_at)
                    SELECT max(at), campaign_id, channel, status, failure_reason, sent_hour, ended_hour, sum(n), max(ended_at)
                    FROM (
                        SELECT coalesce(sent_at, completed_at, now()) AS at, campaign_id, channel, status, failure_reason,
                               date_trunc('hour', sent_at, 'UTC') AS sent_hour, date_trunc('hour', completed_at, 'UTC') AS ended_hour, 1 AS n, completed_at AS ended_at
                        FROM new_rows WHERE campaign_id IS NOT NULL
                        UNION ALL
                        SELECT coalesce(sent_at, completed_at, now()), campaign_id, channel, status, failure_reason,
                               date_trunc('hour', sent_at, 'UTC'), date_trunc('hour', completed_at, 'UTC'), -1, NULL
                        FROM old_rows WHERE campaign_id IS NOT NULL) moved
                    GROUP BY campaign_id, channel, status, failure_reason, sent_hour, ended_hour
                    HAVING sum(n) <> 0;
                END IF;
                RETURN NULL;
            END $$
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER messages_tally_delete ON messages;
                DROP TRIGGER messages_tally_update ON messages;
                DROP TRIGGER messages_tally_insert ON messages;
                DROP FUNCTION portal_ledger_tally();
                DROP VIEW ledger_tally_totals;
                """);
            migrationBuilder.DropTable(
                name: "ledger_tallies");

            migrationBuilder.DropTable(
                name: "ledger_tally_changes");
        }
    }
}
