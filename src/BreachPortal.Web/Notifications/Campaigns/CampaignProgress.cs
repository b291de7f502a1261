using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Ledger;
using Npgsql;

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>Counts of a campaign's messages per channel and status (its tallies): what <c>campaign-status</c> prints.</summary>
public sealed class CampaignProgress(NpgsqlDataSource database)
{
    public async Task<IReadOnlyDictionary<(MessageChannel Channel, MessageStatus Status), long>> CountAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(
            database,
            $"SELECT channel, status, sum(messages)::bigint FROM {LedgerTallies.Totals} WHERE campaign_id = $1 GROUP BY channel, status HAVING sum(messages) <> 0",
            campaignId);
        var counts = new Dictionary<(MessageChannel, MessageStatus), long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[((MessageChannel)reader.GetInt16(0), (MessageStatus)reader.GetInt16(1))] = reader.GetInt64(2);
        }

        return counts;
    }

    /// <summary>The progress page's figures at <paramref name="now"/>; null when there is no such campaign.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="now">The end of the rate's window.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public Task<CampaignProgressReport?> ReportAsync(int campaignId, DateTimeOffset now, CancellationToken cancellationToken) =>
        CampaignProgressReport.LoadAsync(database, campaignId, now, cancellationToken);
}
