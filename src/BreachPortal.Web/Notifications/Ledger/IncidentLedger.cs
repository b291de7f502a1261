using BreachPortal.Web.Data;
using Npgsql;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>What the ledger of an incident's campaigns holds, counted: messages and the distinct people they reached.</summary>
/// <param name="PeopleWithMessage">People with at least one message, across channels.</param>
/// <param name="PeopleInformed">People with at least one message accepted by a provider or delivered, across channels.</param>
/// <param name="Channels">One entry per channel, zeros for a channel without messages.</param>
/// <param name="Failures">Final failures per channel, status and reason.</param>
/// <param name="Daily">Per Europe/Paris day and channel.</param>
/// <param name="Templates">The template versions the campaigns pinned, with their messages.</param>
public sealed record IncidentLedgerFigures(
    long PeopleWithMessage,
    long PeopleInformed,
    IReadOnlyList<LedgerChannelCounts> Channels,
    IReadOnlyList<LedgerFailureGroup> Failures,
    IReadOnlyList<LedgerDayCounts> Daily,
    IReadOnlyList<LedgerTemplateUse> Templates);

/// <summary>One channel: distinct people for the <c>People…</c> figures, messages for the <c>Messages…</c> ones.</summary>
/// <remarks>
/// A person has at most one message per campaign and channel, but an incident may have several campaigns. The
/// message figures after <see cref="MessagesWritten"/> split it by status: awaiting receipt, delivered, permanent and
/// technical failures, pending and cancelled add up to it. <see cref="MessagesHandedToProvider"/> counts every message
/// a provider accepted, whatever a receipt said since.
/// </remarks>
public sealed record LedgerChannelCounts(
    MessageChannel Channel,
    long PeopleWithMessage,
    long PeopleInformed,
    long PeopleDelivered,
    long MessagesWritten,
    long MessagesHandedToProvider,
    long MessagesAwaitingReceipt,
    long MessagesDelivered,
    long MessagesPermanentFailure,
    long MessagesTechnicalFailure,
    long MessagesPending,
    long MessagesCancelled)
{
    public static LedgerChannelCounts Empty(MessageChannel channel) => new(channel, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>Messages that failed for good on one channel, per status and reason (a code such as <c>smtp-550</c>; null when none was recorded).</summary>
public sealed record LedgerFailureGroup(MessageChannel Channel, MessageStatus Status, string? FailureReason, long Messages);

/// <summary>
/// One Europe/Paris day on one channel: messages accepted by a provider that day (whatever happened later), and
/// messages whose delivery receipt or final failure came that day.
/// </summary>
public sealed record LedgerDayCounts(DateOnly Date, MessageChannel Channel, long MessagesSent, long MessagesDelivered, long MessagesFailed);

/// <summary>A template version a campaign pinned, and how many messages of that campaign went on its channel.</summary>
public sealed record LedgerTemplateUse(int CampaignId, string CampaignName, MessageChannel Channel, int TemplateId, int TemplateVersion, string TemplateLanguage, long Messages);

/// <summary>
/// Counts an incident's ledger in the database: the message figures from the campaigns' tallies, the distinct people
/// as <see cref="LedgerPeople"/> counted them; never a row in memory.
/// </summary>
public static class IncidentLedger
{
    private const string IncidentTallies = $"t.campaign_id IN ({LedgerTallies.IncidentCampaigns})";

    // The message figures are sums of the campaigns' tallies: a few hundred rows whatever the number of messages.
    private static readonly string MessagesSql = $"""
        SELECT t.channel,
               sum(t.messages)::bigint,
               coalesce(sum(t.messages) FILTER (WHERE t.sent_hour IS NOT NULL), 0)::bigint,
               coalesce(sum(t.messages) FILTER (WHERE t.status = {LedgerSql.Sent}), 0)::bigint,
               coalesce(sum(t.messages) FILTER (WHERE t.status = {LedgerSql.Delivered}), 0)::bigint,
               coalesce(sum(t.messages) FILTER (WHERE t.status = {LedgerSql.PermanentFailure}), 0)::bigint,
               coalesce(sum(t.messages) FILTER (WHERE t.status = {LedgerSql.TechnicalFailure}), 0)::bigint,
               coalesce(sum(t.messages) FILTER (WHERE t.status IN {LedgerSql.Open}), 0)::bigint,
               coalesce(sum(t.messages) FILTER (WHERE t.status = {LedgerSql.Cancelled}), 0)::bigint
        FROM {LedgerTallies.Totals} t WHERE {IncidentTallies}
        GROUP BY t.channel
        HAVING sum(t.messages) <> 0
        """;

    private static readonly string FailuresSql = $"""
        SELECT t.channel, t.status, t.failure_reason, sum(t.messages)::bigint
        FROM {LedgerTallies.Totals} t WHERE {IncidentTallies} AND t.status IN {LedgerSql.Failed}
        GROUP BY t.channel, t.status, t.failure_reason
        HAVING sum(t.messages) <> 0
        ORDER BY t.channel, t.status, sum(t.messages) DESC, t.failure_reason
        """;

    // Each message counts once on the day it was accepted and once on the day it was delivered or failed, Europe/Paris:
    // the tallies keep UTC hours, and Paris is a whole number of hours from UTC, so each hour falls in one Paris day.
    private static readonly string DailySql = $"""
        SELECT (d.hour AT TIME ZONE 'Europe/Paris')::date, d.channel, sum(d.sent)::bigint, sum(d.delivered)::bigint, sum(d.failed)::bigint
        FROM (
            SELECT t.sent_hour AS hour, t.channel, t.messages AS sent, 0 AS delivered, 0 AS failed
            FROM {LedgerTallies.Totals} t WHERE {IncidentTallies} AND t.sent_hour IS NOT NULL
            UNION ALL
            SELECT t.ended_hour, t.channel, 0,
                   CASE WHEN t.status = {LedgerSql.Delivered} THEN t.messages ELSE 0 END,
                   CASE WHEN t.status IN {LedgerSql.Failed} THEN t.messages ELSE 0 END
            FROM {LedgerTallies.Totals} t WHERE {IncidentTallies} AND t.ended_hour IS NOT NULL
              AND (t.status = {LedgerSql.Delivered} OR t.status IN {LedgerSql.Failed})) d
        GROUP BY 1, 2
        HAVING sum(d.sent) <> 0 OR sum(d.delivered) <> 0 OR sum(d.failed) <> 0
        ORDER BY 1, 2
        """;

    private static readonly string TemplatesSql = $"""
        WITH used AS (
            SELECT t.campaign_id, t.channel, sum(t.messages) AS messages
            FROM {LedgerTallies.Totals} t WHERE {IncidentTallies}
            GROUP BY t.campaign_id, t.channel)
        SELECT c.id, c.name, t.channel, t.id, t.version, t.language, coalesce(u.messages, 0)::bigint
        FROM campaigns c
        JOIN templates t ON t.id IN (c.email_template_id, c.sms_template_id)
        LEFT JOIN used u ON u.campaign_id = c.id AND u.channel = t.channel
        WHERE c.incident_id = $1
        ORDER BY c.created_at, c.id, t.channel
        """;

    /// <param name="connection">An open connection.</param>
    /// <param name="incidentId">The incident.</param>
    /// <param name="people">The distinct people its ledger reached (<see cref="LedgerPeople"/>).</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public static async Task<IncidentLedgerFigures> CountAsync(NpgsqlConnection connection, int incidentId, LedgerPeopleFigures people, CancellationToken cancellationToken)
    {
        await using var batch = PortalSql.Batch(
            connection,
            null,
            PortalSql.BatchCommand(MessagesSql, incidentId),
            PortalSql.BatchCommand(FailuresSql, incidentId),
            PortalSql.BatchCommand(DailySql, incidentId),
            PortalSql.BatchCommand(TemplatesSql, incidentId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        var counted = new Dictionary<MessageChannel, LedgerChannelCounts>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var channel = (MessageChannel)reader.GetInt16(0);
            var reached = people.Channel(channel);
            counted[channel] = new LedgerChannelCounts(
                channel,
                reached.WithMessage,
                reached.Informed,
                reached.Delivered,
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8));
        }

        var channels = Enum.GetValues<MessageChannel>().Select(c => counted.GetValueOrDefault(c) ?? LedgerChannelCounts.Empty(c)).ToList();

        await reader.NextResultAsync(cancellationToken);
        var failures = await reader.ListAsync(
            r => new LedgerFailureGroup((MessageChannel)r.GetInt16(0), (MessageStatus)r.GetInt16(1), r.NullableString(2), r.GetInt64(3)),
            cancellationToken);

        await reader.NextResultAsync(cancellationToken);
        var daily = await reader.ListAsync(
            r => new LedgerDayCounts(r.GetFieldValue<DateOnly>(0), (MessageChannel)r.GetInt16(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)),
            cancellationToken);

        await reader.NextResultAsync(cancellationToken);
        var templates = await reader.ListAsync(
            r => new LedgerTemplateUse(r.GetInt32(0), r.GetString(1), (MessageChannel)r.GetInt16(2), r.GetInt32(3), r.GetInt32(4), r.GetString(5), r.GetInt64(6)),
            cancellationToken);

        return new IncidentLedgerFigures(people.WithMessage, people.Informed, channels, failures, daily, templates);
    }
}
