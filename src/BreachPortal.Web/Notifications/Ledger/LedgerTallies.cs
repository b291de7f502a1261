using BreachPortal.Web.Data;
using Npgsql;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>
/// The campaigns' figures as the database keeps them (<see cref="LedgerTally"/>): read as the sum of the folded
/// tallies and the changes not folded yet, so a figure is exact in any snapshot, whenever the fold last ran.
/// </summary>
public static class LedgerTallies
{
    /// <summary>A view: <c>ledger_tallies</c> and <c>ledger_tally_changes</c> as one (sum its <c>messages</c>).</summary>
    public const string Totals = "ledger_tally_totals";

    /// <summary>The ids of an incident's campaigns, the incident's id being the statement's first parameter.</summary>
    public const string IncidentCampaigns = "SELECT id FROM campaigns WHERE incident_id = $1";

    /// <summary>
    /// Changes are kept this long before they are folded: the progress page's rate over its last minute
    /// (<see cref="Campaigns.CampaignProgressReport.RateWindow"/>) is read from them.
    /// </summary>
    public static readonly TimeSpan KeptChanges = TimeSpan.FromMinutes(2);

    private const long FoldLock = 0x4C65_6467_546C_7946; // "LedgTlyF"

    // One statement, so one transaction: the changes leave and the tallies grow together. Two nodes folding at once
    // would only wait on each other; the lock lets the second skip its turn. Sorted, so upserts never deadlock.
    private const string FoldSql = """
        WITH moved AS (
            DELETE FROM ledger_tally_changes
            WHERE at < $1 AND (SELECT pg_try_advisory_xact_lock($2))
            RETURNING campaign_id, channel, status, failure_reason, sent_hour, ended_hour, messages, last_ended_at)
        INSERT INTO ledger_tallies (campaign_id, channel, status, failure_reason, sent_hour, ended_hour, messages, last_ended_at)
        SELECT campaign_id, channel, status, failure_reason, sent_hour, ended_hour, sum(messages), max(last_ended_at)
        FROM moved
        GROUP BY campaign_id, channel, status, failure_reason, sent_hour, ended_hour
        ORDER BY campaign_id, channel, status, failure_reason, sent_hour, ended_hour
        ON CONFLICT (campaign_id, channel, status, failure_reason, sent_hour, ended_hour) DO UPDATE
        SET messages = ledger_tallies.messages + excluded.messages,
            last_ended_at = greatest(ledger_tallies.last_ended_at, excluded.last_ended_at)
        """;

    /// <summary>Adds the changes older than <paramref name="before"/> to the tallies; returns the tally rows written.</summary>
    public static Task<int> FoldAsync(NpgsqlDataSource database, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ExecuteAsync(FoldSql, cancellationToken, before, FoldLock);
    }
}
