using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Registry.People;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>How many people a campaign would reach today, per channel, and how many it cannot reach.</summary>
/// <param name="People">Everyone the incident concerns.</param>
/// <param name="Emails">Emails the ledger would hold at launch.</param>
/// <param name="Sms">SMS the ledger would hold at launch (the fallback may add more later, for emails that fail for good).</param>
/// <param name="Unreachable">People with no usable contact for the policy.</param>
public sealed record CampaignAudienceCounts(long People, long Emails, long Sms, long Unreachable);

/// <summary>
/// Counts a campaign's audience: before launch for the staff who create and approve it, and when the ledger is
/// complete for the figures stored on the campaign. The rule is the database's (<see cref="LedgerSql.LaunchWrites"/>),
/// the same the ledger writer's insert asks, applied to the incident's <see cref="RegistryTally"/> rows.
/// </summary>
public static class CampaignAudience
{
    // The incident's registry tallies, not its people: the rule applied once per group of people alike.
    private static readonly string CountSql = $"""
        SELECT coalesce(sum(t.people), 0)::bigint,
               coalesce(sum(t.people) FILTER (WHERE {LedgerSql.LaunchWrites("$2", LedgerSql.Email, LedgerSql.Tally)}), 0)::bigint,
               coalesce(sum(t.people) FILTER (WHERE {LedgerSql.LaunchWrites("$2", LedgerSql.Sms, LedgerSql.Tally)}), 0)::bigint,
               coalesce(sum(t.people) FILTER (WHERE NOT {LedgerSql.Reachable("$2", LedgerSql.Tally)}), 0)::bigint
        FROM {RegistryTally.Table} t
        WHERE t.incident_id = $1
        """;

    public static async Task<CampaignAudienceCounts> CountAsync(PortalDbContext db, int incidentId, ChannelPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await CountAsync((NpgsqlConnection)db.Database.GetDbConnection(), incidentId, policy, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<CampaignAudienceCounts> CountAsync(NpgsqlConnection connection, int incidentId, ChannelPolicy policy, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(connection, CountSql, incidentId, (short)policy);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
