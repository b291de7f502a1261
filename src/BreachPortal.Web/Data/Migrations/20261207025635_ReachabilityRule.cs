using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BreachPortal.Web.Data.Migrations
{
    /// <summary>
    /// "Who gets a message on which channel" as SQL functions, so the audience count, the ledger's launch and count,
    /// the SMS fallback and the Art. 34 figures all ask the same rule. Plain SQL expressions: the planner inlines them,
    /// so a scan over tens of millions of people costs what the hand-written predicate cost.
    /// </summary>
    public partial class ReachabilityRule : Migration
    {
        private static readonly string EmailPolicies = SqlLiterals.List(Enum.GetValues<ChannelPolicy>().Where(p => p.UsesEmail()));
        private static readonly string SmsPolicies = SqlLiterals.List(Enum.GetValues<ChannelPolicy>().Where(p => p.UsesSms()));

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION portal_reaches(policy smallint, channel smallint, held_data bigint, purged boolean)
                RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT NOT purged AND CASE channel
                    WHEN {SqlLiterals.Number(MessageChannel.Email)} THEN policy IN {EmailPolicies} AND (held_data & {SqlLiterals.Number(DataCategories.Email)}) <> 0
                    WHEN {SqlLiterals.Number(MessageChannel.Sms)} THEN policy IN {SmsPolicies} AND (held_data & {SqlLiterals.Number(DataCategories.Phone)}) <> 0
                    ELSE false END
                $$
                """);
            migrationBuilder.Sql($"""
                CREATE FUNCTION portal_reachable(policy smallint, held_data bigint, purged boolean)
                RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT portal_reaches(policy, {SqlLiterals.Number(MessageChannel.Email)}::smallint, held_data, purged)
                    OR portal_reaches(policy, {SqlLiterals.Number(MessageChannel.Sms)}::smallint, held_data, purged)
                $$
                """);
            migrationBuilder.Sql($"""
                CREATE FUNCTION portal_launch_writes(policy smallint, channel smallint, held_data bigint, purged boolean)
                RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT portal_reaches(policy, channel, held_data, purged)
                    AND NOT (policy = {SqlLiterals.Number(ChannelPolicy.EmailWithSmsFallback)} AND channel = {SqlLiterals.Number(MessageChannel.Sms)}
                             AND portal_reaches(policy, {SqlLiterals.Number(MessageChannel.Email)}::smallint, held_data, purged))
                $$
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION portal_launch_writes(smallint, smallint, bigint, boolean)");
            migrationBuilder.Sql("DROP FUNCTION portal_reachable(smallint, bigint, boolean)");
            migrationBuilder.Sql("DROP FUNCTION portal_reaches(smallint, smallint, bigint, boolean)");
        }
    }
}
