using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using Npgsql;

namespace BreachPortal.Web.Authority;

/// <summary>
/// Computes <see cref="Art34Evidence"/> in the database: every figure is a GROUP BY over the ledger or the registry, so
/// an incident with tens of millions of messages costs a few scans and never a row in memory.
/// </summary>
public static class Art34Evidences
{
    private const string IncidentSql = "SELECT id, reference FROM incidents WHERE reference = $1";

    // Unreachable as the ledger counts it for a policy using both channels: no contact on file, or purged.
    private static readonly string PeopleSql = $"""
        SELECT count(*), count(*) FILTER (WHERE NOT {LedgerSql.Reachable(LedgerSql.BothChannels)})
        FROM exposures e JOIN people p ON p.id = e.person_id
        WHERE e.incident_id = $1
        """;

    private const string CampaignsSql = """
        SELECT id, name, status, policy, language, created_at, approved_at, started_at, ended_at, people_count, unreachable_count
        FROM campaigns WHERE incident_id = $1
        ORDER BY created_at, id
        """;

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

    private const string TemplatesSql = $"""
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

    /// <summary>The evidence for one incident at <paramref name="now"/>; null when there is no such incident.</summary>
    /// <param name="database">The portal's database.</param>
    /// <param name="reference">The incident's reference, such as <c>FT-2024-03</c>.</param>
    /// <param name="now">When the evidence is drawn up.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public static async Task<Art34Evidence?> BuildAsync(NpgsqlDataSource database, string reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(reference);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        int incidentId;
        string incidentReference;
        await using (var find = PortalSql.Command(connection, IncidentSql, Incident.NormalizeReference(reference)))
        await using (var found = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await found.ReadAsync(cancellationToken))
            {
                return null;
            }

            incidentId = found.GetInt32(0);
            incidentReference = found.GetString(1);
        }

        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command(PeopleSql, incidentId),
                Command(CampaignsSql, incidentId),
                Command(ChannelsSql, incidentId),
                Command(FailuresSql, incidentId),
                Command(DailySql, incidentId),
                Command(TemplatesSql, incidentId),
            },
            Timeout = PortalSql.CommandTimeoutSeconds,
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        await reader.ReadAsync(cancellationToken);
        var peopleToInform = reader.GetInt64(0);
        var unreachable = reader.GetInt64(1);

        await reader.NextResultAsync(cancellationToken);
        var campaigns = new List<Art34CampaignEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            campaigns.Add(new Art34CampaignEntry(
                reader.GetInt32(0),
                reader.GetString(1),
                (CampaignStatus)reader.GetInt16(2),
                (ChannelPolicy)reader.GetInt16(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                Moment(reader, 6),
                Moment(reader, 7),
                Moment(reader, 8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetInt64(10)));
        }

        await reader.NextResultAsync(cancellationToken);
        var counted = new Dictionary<MessageChannel, Art34ChannelCounts>();
        var (peopleWithMessage, peopleInformed) = (0L, 0L);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(0))
            {
                (peopleWithMessage, peopleInformed) = (reader.GetInt64(1), reader.GetInt64(2));
                continue;
            }

            var channel = (MessageChannel)reader.GetInt16(0);
            counted[channel] = new Art34ChannelCounts(
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

        var summary = new Art34Summary(peopleToInform, unreachable, peopleWithMessage, peopleInformed, campaigns.Count);
        var channels = Enum.GetValues<MessageChannel>().Select(c => counted.GetValueOrDefault(c) ?? Art34ChannelCounts.Empty(c)).ToList();

        await reader.NextResultAsync(cancellationToken);
        var failures = new List<Art34FailureGroup>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(new Art34FailureGroup(
                (MessageChannel)reader.GetInt16(0),
                (MessageStatus)reader.GetInt16(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt64(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        var daily = new List<Art34DayCounts>();
        while (await reader.ReadAsync(cancellationToken))
        {
            daily.Add(new Art34DayCounts(
                reader.GetFieldValue<DateOnly>(0),
                (MessageChannel)reader.GetInt16(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4)));
        }

        await reader.NextResultAsync(cancellationToken);
        var templates = new List<Art34TemplateUse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            templates.Add(new Art34TemplateUse(
                reader.GetInt32(0),
                reader.GetString(1),
                (MessageChannel)reader.GetInt16(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetString(5),
                reader.GetInt64(6)));
        }

        return new Art34Evidence(incidentReference, now, summary, channels, failures, daily, templates, campaigns);
    }

    private static DateTimeOffset? Moment(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
