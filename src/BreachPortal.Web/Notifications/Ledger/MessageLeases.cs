using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using Npgsql;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>When a message that keeps failing, or whose process died, stops being tried.</summary>
/// <param name="MaxAttempts">Attempts before it becomes a technical failure.</param>
/// <param name="GiveUpAfter">Time after its first attempt when it becomes one.</param>
public sealed record RetryLimits(int MaxAttempts, TimeSpan GiveUpAfter);

/// <summary>
/// The sending side of the ledger. Claims take rows with <c>FOR UPDATE SKIP LOCKED</c> and stamp them with a lease
/// token; every later change is guarded by <c>status = sending AND lease_token = …</c>, so a process whose lease was
/// taken over changes nothing.
/// </summary>
public sealed class MessageLeases(NpgsqlDataSource database)
{
    // Each claimed row's exposure is looked up by its key, not joined: the statistics of a small incident imported
    // into a large registry say it has no exposures until the table is analysed again, and the planner then read
    // all of them once per claimed row (3.8 s a claim of 100 for an incident of 100,000 beside 10 M people).
    private static readonly string ClaimSelect = $$"""
        claimed AS (
            UPDATE messages m SET status = {{LedgerSql.Sending}}, attempts = m.attempts + 1, lease_token = $4, lease_expires_at = $5,
                                  first_attempt_at = coalesce(m.first_attempt_at, $2)
            FROM due WHERE m.id = due.id
            RETURNING m.id, m.campaign_id, m.person_id, m.reference_code, m.attempts, m.language, m.content)
        SELECT c.id, c.campaign_id, c.person_id, c.reference_code, c.attempts, c.language, c.content, p.payload, p.nir_index,
               (SELECT e.categories FROM exposures e WHERE e.incident_id = $6 AND e.person_id = c.person_id)
        FROM claimed c
        LEFT JOIN people p ON p.id = c.person_id
        """;

    internal static readonly string ClaimCampaignSql = ClaimSql("campaign_id = $7");

    private static readonly string ClaimPrioritySql = ClaimSql("campaign_id IS NULL");

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

    /// <summary>
    /// The due rows a claim takes, oldest first, of the lane <paramref name="lane"/> selects: $1 the channel, $2 now,
    /// $3 how many. Also what the scale benchmark times, so that it measures the claim's own scan.
    /// </summary>
    internal static string DueSql(string lane) => $$"""
        SELECT id FROM messages
        WHERE {{lane}} AND channel = $1 AND status IN {{LedgerSql.Due}} AND next_attempt_at <= $2
        ORDER BY next_attempt_at LIMIT $3
        """;

    private static string ClaimSql(string lane) => "WITH due AS (\n" + DueSql(lane) + "\nFOR UPDATE SKIP LOCKED),\n" + ClaimSelect;

    /// <summary>Claims due messages of one campaign, or of the priority lane (one-time codes) when <paramref name="campaignId"/> is null.</summary>
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(int? campaignId, int incidentId, MessageChannel channel, int limit, Guid token, DateTimeOffset now, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken)
    {
        // Typed parameters: the claim runs many times a second, prepared.
        NpgsqlParameter[] parameters =
        [
            PortalSql.Typed((short)channel), PortalSql.Typed(now), PortalSql.Typed(limit), PortalSql.Typed(token),
            PortalSql.Typed(leaseExpiresAt), PortalSql.Typed(incidentId), .. campaignId is { } id ? [PortalSql.Typed(id)] : Array.Empty<NpgsqlParameter>(),
        ];
        await using var command = PortalSql.Command(database, campaignId is null ? ClaimPrioritySql : ClaimCampaignSql, parameters);

        return await command.ListAsync(
            reader => new ClaimedMessage(
                reader.GetInt64(0),
                token,
                leaseExpiresAt,
                reader.NullableInt32(1),
                channel,
                reader.GetInt64(2),
                reader.GetString(3),
                reader.GetInt16(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8),
                reader.IsDBNull(9) ? DataCategories.None : (DataCategories)reader.GetInt64(9)),
            cancellationToken);
    }

    /// <summary>Records outcomes in one transaction; rows whose lease this process lost are left as they are.</summary>
    public async Task CommitAsync(IReadOnlyCollection<SendResult> results, DateTimeOffset now, RetryLimits limits, CancellationToken cancellationToken)
    {
        var sent = results.Where(r => r.Outcome == SendOutcome.Sent).ToList();
        var transient = results.Where(r => r.Outcome == SendOutcome.Transient).ToList();
        var permanent = results.Where(r => r.Outcome == SendOutcome.Permanent).ToList();
        var released = results.Where(r => r.Outcome == SendOutcome.Released).ToList();

        var commands = new List<NpgsqlBatchCommand>();
        if (sent.Count > 0)
        {
            commands.Add(PortalSql.BatchCommand(SentSql, now, Ids(sent), Tokens(sent), sent.Select(r => r.ProviderReference).ToArray()));
        }

        if (transient.Count > 0)
        {
            commands.Add(PortalSql.BatchCommand(
                TransientSql,
                now,
                limits.MaxAttempts,
                now - limits.GiveUpAfter,
                Ids(transient),
                Tokens(transient),
                transient.Select(r => r.NextAttemptAt.ToUniversalTime()).ToArray(),
                transient.Select(r => r.Reason).ToArray()));
        }

        if (permanent.Count > 0)
        {
            commands.Add(PortalSql.BatchCommand(PermanentSql, now, Ids(permanent), Tokens(permanent), permanent.Select(r => r.Reason).ToArray()));
        }

        if (released.Count > 0)
        {
            commands.Add(PortalSql.BatchCommand(ReleasedSql, Ids(released), Tokens(released)));
        }

        if (commands.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = PortalSql.Batch(connection, transaction, [.. commands]))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Makes messages whose lease expired (their process died) claimable again, or final if they are out of attempts.</summary>
    public Task<int> ReclaimExpiredAsync(DateTimeOffset now, RetryLimits limits, CancellationToken cancellationToken) =>
        database.ExecuteAsync(ReclaimSql, cancellationToken, now, limits.MaxAttempts, now - limits.GiveUpAfter);

    private static long[] Ids(List<SendResult> results) => results.Select(r => r.Message.Id).ToArray();

    private static Guid[] Tokens(List<SendResult> results) => results.Select(r => r.Message.LeaseToken).ToArray();
}
