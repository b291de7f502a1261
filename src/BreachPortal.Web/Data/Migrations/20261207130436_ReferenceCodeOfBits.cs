using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <summary>
    /// Reference codes at launch speed (issue #19): the code of given random bits as one plain expression, which the
    /// planner inlines (the subquery and string_agg per row cost about 15 µs, a third of a launch's time per message),
    /// and the random bits apart, so that a set-based insert draws them once per row in a subquery and spells them
    /// inline. <c>portal_reference_code()</c> stays, now the two together: one spelling of the code.
    /// </summary>
    public partial class ReferenceCodeOfBits : Migration
    {
        private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

        // Twelve characters of five bits, from the highest of the sixty: XXXX-XXXX-XXXX.
        private static readonly string Spelled = string.Join(
            " || ",
            Enumerable.Range(0, 12).Select(i =>
                $"substr('{Alphabet}', ((bits >> {5 * (11 - i)}) & 31)::int + 1, 1)" + (i is 3 or 7 ? " || '-'" : "")));

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION portal_reference_code_of(bits bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT {Spelled}
                $$
                """);
            // 60 of the 62 random bits of a version-4 UUID's second half, as before.
            migrationBuilder.Sql("""
                CREATE FUNCTION portal_reference_bits() RETURNS bigint LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
                SELECT ('x' || encode(substring(uuid_send(gen_random_uuid()) FROM 9 FOR 8), 'hex'))::bit(64)::bigint
                $$
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION portal_reference_code() RETURNS text LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
                SELECT portal_reference_code_of(portal_reference_bits())
                $$
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION portal_reference_code() RETURNS text LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
                SELECT string_agg(
                    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r.v >> (5 * (11 - i))) & 31)::int + 1, 1)
                    || CASE WHEN i IN (3, 7) THEN '-' ELSE '' END, '' ORDER BY i)
                FROM (SELECT ('x' || encode(substring(uuid_send(gen_random_uuid()) FROM 9 FOR 8), 'hex'))::bit(64)::bigint AS v) r,
                     generate_series(0, 11) AS i
                $$
                """);
            migrationBuilder.Sql("DROP FUNCTION portal_reference_bits()");
            migrationBuilder.Sql("DROP FUNCTION portal_reference_code_of(bigint)");
        }
    }
}
