using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Ledger;
using Npgsql;

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>
/// What the progress page shows of a campaign, read from its tallies (<see cref="LedgerTally"/>), never from its
/// rows: counts per channel and status, the share handled, the current rate, the time left and the recent failures
/// by reason. Never a recipient.
/// </summary>
/// <remarks>
/// Done is the complement of what <see cref="CampaignFinisher"/> counts as open: a message is open while created,
/// sending, or waiting for a retry after a temporary failure; it is done once a provider has accepted it (sent: a
/// receipt may still turn it into delivered or a failure, but the portal has nothing more to do), delivered, failed
/// for good or cancelled. So the bar is full exactly when the finisher may close the campaign.
/// </remarks>
public sealed record CampaignProgressReport(
    int CampaignId,
    string Name,
    string IncidentReference,
    CampaignStatus Status,
    ChannelPolicy Policy,
    bool LedgerComplete,
    long? PeopleCount,
    long? UnreachableCount,
    IReadOnlyList<CampaignChannelProgress> Channels,
    IReadOnlyList<CampaignFailureGroup> RecentFailures)
{
    /// <summary>The rate is what reached a done status (cancelled aside) in this last window.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(60);

    /// <summary>Final failures older than this are no longer "recent"; temporary ones count while they wait.</summary>
    public static readonly TimeSpan FailureWindow = TimeSpan.FromHours(24);

    public const int MaxFailureGroups = 50;

    private const string CampaignSql = """
        SELECT c.name, c.status, c.policy, c.ledger_complete, c.people_count, c.unreachable_count, c.started_at, i.reference
        FROM campaigns c JOIN incidents i ON i.id = c.incident_id
        WHERE c.id = $1
        """;

    // The campaign's tallies, not its rows (tens of millions at national scale): counts per channel and status, and
    // what reached a done status in the window, read from the changes not folded yet (kept longer than the window).
    // Cancelled rows are left out of the rate: a cancellation closes thousands at once and sends nothing.
    private static readonly string CountsSql = $$"""
        SELECT channel, status, sum(messages)::bigint, coalesce(sum(messages) FILTER (WHERE recent), 0)::bigint
        FROM (
            SELECT channel, status, messages, false AS recent FROM ledger_tallies WHERE campaign_id = $1
            UNION ALL
            SELECT channel, status, messages, at >= $2 AND status IN {{LedgerSql.Concluded}} FROM ledger_tally_changes WHERE campaign_id = $1) t
        GROUP BY channel, status
        HAVING sum(messages) <> 0
        """;

    // Temporary failures are listed while they wait for their retry; final ones by the hour they ended, so "the
    // last 24 hours" counts whole hours (up to one more).
    private static readonly string FailuresSql = $$"""
        SELECT channel, status, failure_reason, sum(messages)::bigint, max(last_ended_at)
        FROM {{LedgerTallies.Totals}}
        WHERE campaign_id = $1 AND failure_reason IS NOT NULL
          AND (status = {{LedgerSql.TemporaryFailure}} OR (status IN {{LedgerSql.Failed}} AND ended_hour >= date_trunc('hour', $2::timestamptz, 'UTC')))
        GROUP BY channel, status, failure_reason
        HAVING sum(messages) > 0
        ORDER BY sum(messages) DESC, failure_reason, channel, status
        LIMIT $3
        """;

    public long Total => Channels.Sum(c => c.Total);

    public long Done => Channels.Sum(c => c.Done);

    public long Open => Total - Done;

    /// <summary>Null while there is no message at all.</summary>
    public double? ShareDone => Total == 0 ? null : (double)Done / Total;

    public double PerSecond => Channels.Sum(c => c.PerSecond);

    public bool IsOver => Status is CampaignStatus.Finished or CampaignStatus.Cancelled;

    public bool IsStarted => Status is not (CampaignStatus.Draft or CampaignStatus.Approved);

    /// <summary>
    /// The slowest channel's open messages over its own rate (channels have their own limits and SMS their window).
    /// Null, unknown, unless the campaign runs with its whole ledger written and every channel with open messages moves.
    /// </summary>
    public TimeSpan? TimeLeft
    {
        get
        {
            if (Status != CampaignStatus.Running || !LedgerComplete)
            {
                return null;
            }

            var longest = TimeSpan.Zero;
            foreach (var channel in Channels.Where(c => c.Open > 0))
            {
                if (channel.TimeLeft is not { } left)
                {
                    return null;
                }

                longest = left > longest ? left : longest;
            }

            return longest;
        }
    }

    public static bool IsDone(MessageStatus status) => !MessageStatusGroups.Open.Contains(status);

    /// <summary>The channels to show: those the policy uses, and any other that has rows.</summary>
    public IReadOnlyList<MessageChannel> ShownChannels =>
        [.. Enum.GetValues<MessageChannel>().Where(c => Channels.Any(p => p.Channel == c && p.Total > 0)
            || (c == MessageChannel.Email && Policy.UsesEmail()) || (c == MessageChannel.Sms && Policy.UsesSms()))];

    public CampaignChannelProgress Channel(MessageChannel channel) =>
        Channels.FirstOrDefault(c => c.Channel == channel) ?? new CampaignChannelProgress(channel, new Dictionary<MessageStatus, long>(), 0);

    /// <summary>Null when there is no such campaign.</summary>
    internal static async Task<CampaignProgressReport?> LoadAsync(NpgsqlDataSource database, int campaignId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = PortalSql.Batch(
            connection,
            transaction: null,
            PortalSql.BatchCommand(CampaignSql, campaignId),
            PortalSql.BatchCommand(CountsSql, campaignId, now - RateWindow),
            PortalSql.BatchCommand(FailuresSql, campaignId, now - FailureWindow, MaxFailureGroups));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var name = reader.GetString(0);
        var status = (CampaignStatus)reader.GetInt16(1);
        var policy = (ChannelPolicy)reader.GetInt16(2);
        var ledgerComplete = reader.GetBoolean(3);
        var people = reader.NullableInt64(4);
        var unreachable = reader.NullableInt64(5);
        var startedAt = reader.NullableMoment(6);
        var incident = reader.GetString(7);

        // In the first minute after launch, the window is the time since launch: sixty seconds would understate it.
        var window = startedAt is { } started && now - started < RateWindow ? now - started : RateWindow;
        var seconds = Math.Max(window.TotalSeconds, 1);

        await reader.NextResultAsync(cancellationToken);
        var counts = new Dictionary<MessageChannel, Dictionary<MessageStatus, long>>();
        var recent = new Dictionary<MessageChannel, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var channel = (MessageChannel)reader.GetInt16(0);
            if (!counts.TryGetValue(channel, out var byStatus))
            {
                counts[channel] = byStatus = [];
            }

            byStatus[(MessageStatus)reader.GetInt16(1)] = reader.GetInt64(2);
            recent[channel] = recent.GetValueOrDefault(channel) + reader.GetInt64(3);
        }

        await reader.NextResultAsync(cancellationToken);
        var failures = new List<CampaignFailureGroup>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(new CampaignFailureGroup(
                (MessageChannel)reader.GetInt16(0),
                (MessageStatus)reader.GetInt16(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.NullableMoment(4)));
        }

        var channels = counts.OrderBy(c => c.Key)
            .Select(c => new CampaignChannelProgress(c.Key, c.Value, recent.GetValueOrDefault(c.Key) / seconds))
            .ToList();
        return new CampaignProgressReport(campaignId, name, incident, status, policy, ledgerComplete, people, unreachable, channels, failures);
    }
}

/// <summary>One channel's messages of a campaign, per status, and how many per second reached a done status lately.</summary>
public sealed record CampaignChannelProgress(MessageChannel Channel, IReadOnlyDictionary<MessageStatus, long> Counts, double PerSecond)
{
    public long Count(MessageStatus status) => Counts.GetValueOrDefault(status);

    public long Total => Counts.Values.Sum();

    public long Done => Counts.Where(c => CampaignProgressReport.IsDone(c.Key)).Sum(c => c.Value);

    public long Open => Total - Done;

    /// <summary>Zero when nothing is open; null (unknown) when something is but nothing moved lately.</summary>
    public TimeSpan? TimeLeft => Open == 0 ? TimeSpan.Zero : PerSecond > 0 ? TimeSpan.FromSeconds(Open / PerSecond) : null;
}

/// <summary>Failures of one reason (a short code such as <c>smtp-550</c>, never personal data) on one channel and status.</summary>
public sealed record CampaignFailureGroup(MessageChannel Channel, MessageStatus Status, string Reason, long Count, DateTimeOffset? LastAt);
