using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>
/// The dispatcher's SQL. Claims take rows with <c>FOR UPDATE SKIP LOCKED</c> and stamp them with a lease token; every
/// later change is guarded by <c>status = sending AND lease_token = …</c>, so a process whose lease was taken over
/// changes nothing. Statuses, channels and policies are spelled by <see cref="LedgerSql"/>.
/// </summary>
public sealed class DispatchStore(NpgsqlDataSource database, IOptions<DispatcherOptions> options)
{
    private static readonly string ClaimSelect = $$"""
        claimed AS (
            UPDATE messages m SET status = {{LedgerSql.Sending}}, attempts = m.attempts + 1, lease_token = $4, lease_expires_at = $5,
                                  first_attempt_at = coalesce(m.first_attempt_at, $2)
            FROM due WHERE m.id = due.id
            RETURNING m.id, m.campaign_id, m.person_id, m.reference_code, m.attempts, m.language, m.content)
        SELECT c.id, c.campaign_id, c.person_id, c.reference_code, c.attempts, c.language, c.content, p.payload, p.nir_index, e.categories
        FROM claimed c
        LEFT JOIN people p ON p.id = c.person_id
        LEFT JOIN exposures e ON e.incident_id = $6 AND e.person_id = c.person_id
        """;

    private static readonly string ClaimCampaignSql = $$"""
        WITH due AS (
            SELECT id FROM messages
            WHERE campaign_id = $7 AND channel = $1 AND status IN {{LedgerSql.Due}} AND next_attempt_at <= $2
            ORDER BY next_attempt_at LIMIT $3
            FOR UPDATE SKIP LOCKED),
        """ + ClaimSelect;

    private static readonly string ClaimPrioritySql = $$"""
        WITH due AS (
            SELECT id FROM messages
            WHERE campaign_id IS NULL AND channel = $1 AND status IN {{LedgerSql.Due}} AND next_attempt_at <= $2
            ORDER BY next_attempt_at LIMIT $3
            FOR UPDATE SKIP LOCKED),
        """ + ClaimSelect;

    private static readonly string SentSql = $$"""
        UPDATE messages m SET status = {{LedgerSql.Sent}}, sent_at = $1, provider_reference = coalesce(v.provider, m.provider_reference),
                              failure_reason = NULL, lease_token = NULL, lease_expires_at = NULL, content = NULL
        FROM unnest($2::bigint[], $3::uuid[], $4::text[]) AS v (id, token, provider)
        WHERE m.id = v.id AND m.status = {{LedgerSql.Sending}} AND m.lease_token = v.token
        """;

    private static readonly string TransientSql = $$"""
        UPDATE messages m SET
            status = CASE WHEN m.attempts >= $2 OR m.first_attempt_at <= $3 THEN {{LedgerSql.TechnicalFailure}} ELSE {{LedgerSql.TemporaryFailure}} END,
            completed_at = CASE WHEN m.attempts >= $2 OR m.first_attempt_at <= $3 THEN $1 END,
            content = CASE WHEN m.attempts >= $2 OR m.first_attempt_at <= $3 THEN NULL ELSE m.content END,
            next_attempt_at = v.next, failure_reason = v.reason, lease_token = NULL, lease_expires_at = NULL
        FROM unnest($4::bigint[], $5::uuid[], $6::timestamptz[], $7::text[]) AS v (id, token, next, reason)
        WHERE m.id = v.id AND m.status = {{LedgerSql.Sending}} AND m.lease_token = v.token
        """;

    // A permanent email failure of a campaign with SMS fallback writes the SMS in the same statement, so there is
    // never a moment when the campaign looks finished while the fallback is still to come.
    private static readonly string PermanentSql = $$"""
        WITH failed AS (
            UPDATE messages m SET status = {{LedgerSql.PermanentFailure}}, completed_at = $1, failure_reason = v.reason, lease_token = NULL,
                                  lease_expires_at = NULL, content = NULL
            FROM unnest($2::bigint[], $3::uuid[], $4::text[]) AS v (id, token, reason)
            WHERE m.id = v.id AND m.status = {{LedgerSql.Sending}} AND m.lease_token = v.token
            RETURNING m.id, m.campaign_id, m.person_id, m.channel, m.language)
        INSERT INTO messages (campaign_id, person_id, channel, status, priority, language, reference_code, attempts,
                              next_attempt_at, created_at, fallback_for)
        SELECT f.campaign_id, f.person_id, {{LedgerSql.Sms}}, {{LedgerSql.Created}}, 0, f.language, portal_reference_code(), 0, $1, $1, f.id
        FROM failed f
        JOIN campaigns c ON c.id = f.campaign_id
        JOIN people p ON p.id = f.person_id
        WHERE f.channel = {{LedgerSql.Email}} AND c.policy = {{LedgerSql.EmailWithSmsFallback}} AND c.status IN {{LedgerSql.CampaignActive}}
              AND {{LedgerSql.Reaches("c.policy", LedgerSql.Sms)}}
        ON CONFLICT (campaign_id, person_id, channel) DO NOTHING
        """;

    private static readonly string ReleasedSql = $$"""
        UPDATE messages m SET status = CASE WHEN m.attempts <= 1 THEN {{LedgerSql.Created}} ELSE {{LedgerSql.TemporaryFailure}} END, attempts = m.attempts - 1,
                              lease_token = NULL, lease_expires_at = NULL
        FROM unnest($1::bigint[], $2::uuid[]) AS v (id, token)
        WHERE m.id = v.id AND m.status = {{LedgerSql.Sending}} AND m.lease_token = v.token
        """;

    private static readonly string ReclaimSql = $$"""
        UPDATE messages m SET
            status = CASE
                WHEN EXISTS (SELECT 1 FROM campaigns c WHERE c.id = m.campaign_id AND c.status = {{LedgerSql.CampaignCancelled}}) THEN {{LedgerSql.Cancelled}}
                WHEN m.attempts >= $2 OR m.first_attempt_at <= $3 THEN {{LedgerSql.TechnicalFailure}}
                ELSE {{LedgerSql.TemporaryFailure}} END,
            completed_at = CASE
                WHEN EXISTS (SELECT 1 FROM campaigns c WHERE c.id = m.campaign_id AND c.status = {{LedgerSql.CampaignCancelled}}) THEN $1
                WHEN m.attempts >= $2 OR m.first_attempt_at <= $3 THEN $1 END,
            next_attempt_at = $1, failure_reason = 'lease-expired', lease_token = NULL, lease_expires_at = NULL
        WHERE m.id IN (SELECT id FROM messages WHERE status = {{LedgerSql.Sending}} AND lease_expires_at < $1 LIMIT 10000 FOR UPDATE SKIP LOCKED)
        """;

    private static readonly string RunningSql = $$"""
        SELECT id, incident_id, policy, language, email_template_id, sms_template_id, emails_per_second, sms_per_second,
               sms_window_start, sms_window_end, ledger_complete
        FROM campaigns WHERE status = {{LedgerSql.CampaignRunning}}
        ORDER BY id
        """;

    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(RunningCampaign? campaign, MessageChannel channel, int limit, Guid token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(campaign is null ? ClaimPrioritySql : ClaimCampaignSql);
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)channel });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = token });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + options.Value.Lease });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = campaign?.IncidentId ?? 0 });
        if (campaign is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = campaign.Id });
        }

        var leaseExpiresAt = now + options.Value.Lease;
        var claimed = new List<ClaimedMessage>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMessage(
                reader.GetInt64(0),
                token,
                leaseExpiresAt,
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                channel,
                reader.GetInt64(2),
                reader.GetString(3),
                reader.GetInt16(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8),
                reader.IsDBNull(9) ? DataCategories.None : (DataCategories)reader.GetInt64(9)));
        }

        return claimed;
    }

    /// <summary>Records outcomes in one transaction; rows whose lease this process lost are left as they are.</summary>
    public async Task CommitAsync(IReadOnlyCollection<SendResult> results, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sent = results.Where(r => r.Outcome == SendOutcome.Sent).ToList();
        var transient = results.Where(r => r.Outcome == SendOutcome.Transient).ToList();
        var permanent = results.Where(r => r.Outcome == SendOutcome.Permanent).ToList();
        var released = results.Where(r => r.Outcome == SendOutcome.Released).ToList();

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (sent.Count > 0)
        {
            batch.BatchCommands.Add(Command(SentSql, now, Ids(sent), Tokens(sent), sent.Select(r => r.ProviderReference).ToArray()));
        }

        if (transient.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                TransientSql,
                now,
                settings.MaxAttempts,
                now - settings.GiveUpAfter,
                Ids(transient),
                Tokens(transient),
                transient.Select(r => r.NextAttemptAt).ToArray(),
                transient.Select(r => r.Reason).ToArray()));
        }

        if (permanent.Count > 0)
        {
            batch.BatchCommands.Add(Command(PermanentSql, now, Ids(permanent), Tokens(permanent), permanent.Select(r => r.Reason).ToArray()));
        }

        if (released.Count > 0)
        {
            batch.BatchCommands.Add(Command(ReleasedSql, Ids(released), Tokens(released)));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Makes messages whose lease expired (their process died) claimable again, or final if they are out of attempts.</summary>
    public async Task<int> ReclaimExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var command = database.CreateCommand(ReclaimSql);
        Add(command, now, settings.MaxAttempts, now - settings.GiveUpAfter);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunningCampaign>> RunningCampaignsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(RunningSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var running = new List<RunningCampaign>();
        while (await reader.ReadAsync(cancellationToken))
        {
            running.Add(new RunningCampaign(
                reader.GetInt32(0),
                reader.GetInt32(1),
                (ChannelPolicy)reader.GetInt16(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetFieldValue<TimeOnly>(8),
                reader.GetFieldValue<TimeOnly>(9),
                reader.GetBoolean(10)));
        }

        return running;
    }

    /// <returns>The number of live dispatcher instances, this one included.</returns>
    public async Task<int> HeartbeatAsync(Guid instance, string host, DateTimeOffset startedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(
            "INSERT INTO dispatcher_instances (id, host, started_at, seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at",
            instance,
            host,
            startedAt,
            now));
        batch.BatchCommands.Add(Command("DELETE FROM dispatcher_instances WHERE seen_at < $1", now - (3 * options.Value.Heartbeat)));
        batch.BatchCommands.Add(Command("SELECT count(*) FROM dispatcher_instances"));
        var live = await batch.ExecuteScalarAsync(cancellationToken);
        return Math.Max(1, Convert.ToInt32(live, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task LeaveAsync(Guid instance, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM dispatcher_instances WHERE id = $1");
        Add(command, instance);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static long[] Ids(List<SendResult> results) => results.Select(r => r.Message.Id).ToArray();

    private static Guid[] Tokens(List<SendResult> results) => results.Select(r => r.Message.LeaseToken).ToArray();

    private static NpgsqlBatchCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    private static void Add(NpgsqlCommand command, params object?[] parameters)
    {
        foreach (var value in parameters)
        {
            command.Parameters.Add(Parameter(value));
        }
    }

    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        string?[] texts => new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        _ => new NpgsqlParameter { Value = value ?? DBNull.Value },
    };
}

/// <summary>What the dispatcher needs to know of a running campaign.</summary>
public sealed record RunningCampaign(
    int Id,
    int IncidentId,
    ChannelPolicy Policy,
    string Language,
    int? EmailTemplateId,
    int? SmsTemplateId,
    int EmailsPerSecond,
    int SmsPerSecond,
    TimeOnly SmsWindowStart,
    TimeOnly SmsWindowEnd,
    bool LedgerComplete);
