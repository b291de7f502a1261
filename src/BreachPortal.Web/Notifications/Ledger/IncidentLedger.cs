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
/// Counts an incident's ledger in the database: every figure is a GROUP BY, so tens of millions of messages cost a few
/// scans and never a row in memory.
/// </summary>
public static class IncidentLedger
{
    private const string IncidentMessages = "m.campaign_id IN (SELECT id FROM campaigns WHERE incident_id = $1)";

    // The row without a channel counts people across channels (a person told by email and SMS is one person informed).
    private static readonly string ChannelsSql = $"""
        SELECT m.channel,
               count(DISTINCT m.person_id),
               count(DISTINCT m.person_id) FILTER (WHERE m.status IN {LedgerSql.Reached}),
               count(DISTINCT m.person_id) FILTER (WHERE m.status = {LedgerSql.Delivered}),
               count(*),
               count(*) FILTER (WHERE m.sent_at IS NOT NULL),
               count(*) FILTER (WHERE m.status = {LedgerSql.Sent}),
               count(*) FILTER (WHERE m.status = {LedgerSql.Delivered}),
               count(*) FILTER (WHERE m.status = {LedgerSql.PermanentFailure}),
               count(*) FILTER (WHERE m.status = {LedgerSql.TechnicalFailure}),
               count(*) FILTER (WHERE m.status IN {LedgerSql.Open}),
               count(*) FILTER (WHERE m.status = {LedgerSql.Cancelled})
        FROM messages m WHERE {IncidentMessages}
        GROUP BY GROUPING SETS ((m.channel), ())
        """;

    private static readonly string FailuresSql = $"""
        SELECT m.channel, m.status, m.failure_reason, count(*)
        FROM messages m WHERE {IncidentMessages} AND m.status IN {LedgerSql.Failed}
        GROUP BY m.channel, m.status, m.failure_reason
        ORDER BY m.channel, m.status, count(*) DESC, m.failure_reason
        """;

    // One pass: each message counts once on the day it was accepted and once on the day it was delivered or failed.
    private static readonly string DailySql = $"""
        SELECT (v.at AT TIME ZONE 'Europe/Paris')::date, m.channel,
               count(*) FILTER (WHERE v.kind = 0), count(*) FILTER (WHERE v.kind = 1), count(*) FILTER (WHERE v.kind = 2)
        FROM messages m
        CROSS JOIN LATERAL (VALUES
            (0, m.sent_at),
            (CASE WHEN m.status = {LedgerSql.Delivered} THEN 1 WHEN m.status IN {LedgerSql.Failed} THEN 2 END, m.completed_at)) v(kind, at)
        WHERE {IncidentMessages} AND v.kind IS NOT NULL AND v.at IS NOT NULL
        GROUP BY 1, 2
        ORDER BY 1, 2
        """;

    private static readonly string TemplatesSql = $"""
        WITH used AS (
            SELECT m.campaign_id, m.channel, count(*) AS messages
            FROM messages m WHERE {IncidentMessages}
            GROUP BY m.campaign_id, m.channel)
        SELECT c.id, c.name, t.channel, t.id, t.version, t.language, coalesce(u.messages, 0)
        FROM campaigns c
        JOIN templates t ON t.id IN (c.email_template_id, c.sms_template_id)
        LEFT JOIN used u ON u.campaign_id = c.id AND u.channel = t.channel
        WHERE c.incident_id = $1
        ORDER BY c.created_at, c.id, t.channel
        """;

    public static async Task<IncidentLedgerFigures> CountAsync(NpgsqlConnection connection, int incidentId, CancellationToken cancellationToken)
    {
        await using var batch = PortalSql.Batch(
            connection,
            null,
            PortalSql.BatchCommand(ChannelsSql, incidentId),
            PortalSql.BatchCommand(FailuresSql, incidentId),
            PortalSql.BatchCommand(DailySql, incidentId),
            PortalSql.BatchCommand(TemplatesSql, incidentId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        var counted = new Dictionary<MessageChannel, LedgerChannelCounts>();
        var (peopleWithMessage, peopleInformed) = (0L, 0L);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(0))
            {
                (peopleWithMessage, peopleInformed) = (reader.GetInt64(1), reader.GetInt64(2));
                continue;
            }

            var channel = (MessageChannel)reader.GetInt16(0);
            counted[channel] = new LedgerChannelCounts(
                channel,
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetInt64(9),
                reader.GetInt64(10),
                reader.GetInt64(11));
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

        return new IncidentLedgerFigures(peopleWithMessage, peopleInformed, channels, failures, daily, templates);
    }
}
