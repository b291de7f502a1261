using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
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
/// Counts a campaign's audience before launch, for the staff who create and approve it. The rules are those of
/// <see cref="Ledger.LedgerWriter"/>: its insert decides who gets a row on which channel (purged people get none), its
/// count decides who is unreachable; keep the three in step.
/// </summary>
public static class CampaignAudience
{
    private const string CountSql = """
        SELECT count(*),
               count(*) FILTER (WHERE p.purged_at IS NULL AND $2 AND (p.held_data & $5) <> 0),
               count(*) FILTER (WHERE p.purged_at IS NULL AND (p.held_data & $6) <> 0 AND ($3 OR ($4 AND (p.held_data & $5) = 0))),
               count(*) FILTER (WHERE p.purged_at IS NOT NULL
                   OR NOT (($2 AND (p.held_data & $5) <> 0) OR ($7 AND (p.held_data & $6) <> 0)))
        FROM exposures e JOIN people p ON p.id = e.person_id
        WHERE e.incident_id = $1
        """;

    public static async Task<CampaignAudienceCounts> CountAsync(PortalDbContext db, int incidentId, ChannelPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var command = PortalSql.Command(
                connection,
                CountSql,
                incidentId,
                policy.UsesEmail(),
                policy is ChannelPolicy.Sms or ChannelPolicy.Both,
                policy == ChannelPolicy.EmailWithSmsFallback,
                (long)DataCategories.Email,
                (long)DataCategories.Phone,
                policy.UsesSms());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
