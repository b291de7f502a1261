using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <summary>
    /// Registry figures kept by the database (issue #19): people of an incident counted per data held, purge and
    /// categories exposed, by a statement trigger on <c>exposures</c> (set-based, as the import writes them) and a row
    /// trigger on <c>people</c> that fires only when what the figures read changes (a purge). People are never deleted
    /// (a purge empties them). Existing incidents are tallied here, in the same transaction.
    /// </summary>
    public partial class RegistryTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_tallies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    held_data = table.Column<long>(type: "bigint", nullable: false),
                    purged = table.Column<bool>(type: "boolean", nullable: false),
                    categories = table.Column<long>(type: "bigint", nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_tallies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_registry_tallies_group",
                table: "registry_tallies",
                columns: new[] { "incident_id", "held_data", "purged", "categories" },
                unique: true);

            migrationBuilder.Sql(ExposuresFunction);
            migrationBuilder.Sql(PersonFunction);
            migrationBuilder.Sql("""
                CREATE TRIGGER exposures_tally_insert AFTER INSERT ON exposures
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_registry_tally_exposures();
                CREATE TRIGGER exposures_tally_update AFTER UPDATE ON exposures
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_registry_tally_exposures();
                CREATE TRIGGER exposures_tally_delete AFTER DELETE ON exposures
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portal_registry_tally_exposures();
                CREATE TRIGGER people_tally_update AFTER UPDATE OF held_data, purged_at ON people FOR EACH ROW
                    WHEN (OLD.held_data IS DISTINCT FROM NEW.held_data OR (OLD.purged_at IS NULL) <> (NEW.purged_at IS NULL))
                    EXECUTE FUNCTION portal_registry_tally_person();
                """);
            migrationBuilder.Sql("""
                INSERT INTO registry_tallies (incident_id, held_data, purged, categories, people)
                SELECT e.incident_id, p.held_data, p.purged_at IS NOT NULL, e.categories, count(*)
                FROM exposures e JOIN people p ON p.id = e.person_id
                GROUP BY 1, 2, 3, 4
                """);
        }

        private const string Upsert = """
            ORDER BY 1, 2, 3, 4
            ON CONFLICT (incident_id, held_data, purged, categories) DO UPDATE SET people = registry_tallies.people + excluded.people
            """;

        // Sorted upserts: two writers never take the same tally rows in opposite orders.
        private const string ExposuresFunction = $$"""
            CREATE FUNCTION portal_registry_tally_exposures() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO registry_tallies (incident_id, held_data, purged, categories, people)
                    SELECT e.incident_id, p.held_data, p.purged_at IS NOT NULL, e.categories, count(*)
                    FROM new_rows e JOIN people p ON p.id = e.person_id
                    GROUP BY 1, 2, 3, 4
                    {{Upsert}};
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO registry_tallies (incident_id, held_data, purged, categories, people)
                    SELECT e.incident_id, p.held_data, p.purged_at IS NOT NULL, e.categories, -count(*)
                    FROM old_rows e JOIN people p ON p.id = e.person_id
                    GROUP BY 1, 2, 3, 4
                    {{Upsert}};
                ELSE
                    INSERT INTO registry_tallies (incident_id, held_data, purged, categories, people)
                    SELECT e.incident_id, p.held_data, p.purged_at IS NOT NULL, e.categories, sum(e.n)
                    FROM (SELECT incident_id, person_id, categories, 1 AS n FROM new_rows
                          UNION ALL
                          SELECT incident_id, person_id, categories, -1 FROM old_rows) e
                    JOIN people p ON p.id = e.person_id
                    GROUP BY 1, 2, 3, 4
                    HAVING sum(e.n) <> 0
                    {{Upsert}};
                END IF;
                RETURN NULL;
            END $$
            """;

        // One person's exposures move from their old profile to the new one.
        private const string PersonFunction = $$"""
            CREATE FUNCTION portal_registry_tally_person() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO registry_tallies (incident_id, held_data, purged, categories, people)
                SELECT e.incident_id, v.held_data, v.purged, e.categories, v.n
                FROM exposures e
                CROSS JOIN (VALUES (OLD.held_data, OLD.purged_at IS NOT NULL, -1), (NEW.held_data, NEW.purged_at IS NOT NULL, 1)) AS v (held_data, purged, n)
                WHERE e.person_id = NEW.id
                {{Upsert}};
                RETURN NULL;
            END $$
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER people_tally_update ON people;
                DROP TRIGGER exposures_tally_delete ON exposures;
                DROP TRIGGER exposures_tally_update ON exposures;
                DROP TRIGGER exposures_tally_insert ON exposures;
                DROP FUNCTION portal_registry_tally_person();
                DROP FUNCTION portal_registry_tally_exposures();
                """);
            migrationBuilder.DropTable(
                name: "registry_tallies");
        }
    }
}
