using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>
/// Writes a launched campaign's ledger: one <c>messages</c> row per person × channel the policy uses, set-based, in
/// batches of people each committed on its own. A launch cut short is completed by running it again: rows already
/// written are skipped by the unique key, so nobody gets two rows.
/// </summary>
public sealed partial class LedgerWriter(PortalDbContext db, AuditLog audit, TimeProvider time, ILogger<LedgerWriter> logger)
{
    public const int PeoplePerBatch = 50_000;
    private const int LedgerLock = 0x4C65_6467; // "Ledg", with the campaign id as the second key
    private const int ReferenceCollisionRetries = 5;

    // The people are read by their id range too: joined on the batch's exposures alone, the planner scans the whole
    // of people for every batch (20 times a million rows at 1 M, 200 times ten million at 10 M). The reference
    // code's random bits are drawn once per row in the subquery and spelled inline.
    // A range where the campaign has no row yet (a first launch: every batch) is written without ON CONFLICT: the
    // speculative insertion, its arbiter probe and lock per row, was nearly a third of a launch (68 -> 48 s at 1 M).
    // The ledger lock keeps other launches of the campaign out; a fallback SMS written meanwhile makes the plain
    // insert fail, and the batch is written again with ON CONFLICT.
    private static readonly string InsertNewBatchSql = $$"""
        INSERT INTO messages (campaign_id, person_id, channel, status, priority, language, reference_code, attempts, next_attempt_at, created_at)
        SELECT $1, r.person_id, r.channel, {{LedgerSql.Created}}, 0, $2, portal_reference_code_of(r.bits), 0, $3, $3
        FROM (
            SELECT e.person_id, ch.channel, portal_reference_bits() AS bits
            FROM exposures e
            JOIN people p ON p.id = e.person_id
            CROSS JOIN (VALUES ({{LedgerSql.Email}}::smallint), ({{LedgerSql.Sms}}::smallint)) AS ch (channel)
            WHERE e.incident_id = $4 AND e.person_id > $6 AND e.person_id <= $7 AND p.id > $6 AND p.id <= $7
              AND {{LedgerSql.LaunchWrites("$5", "ch.channel")}}
            OFFSET 0) r
        """;

    private static readonly string InsertBatchSql = InsertNewBatchSql + "\nON CONFLICT (campaign_id, person_id, channel) DO NOTHING";

    private const string RangeHasRowsSql = "SELECT EXISTS (SELECT 1 FROM messages WHERE campaign_id = $1 AND person_id > $2 AND person_id <= $3)";

    private const string LedgerKey = "ix_messages_campaign_id_person_id_channel";

    /// <summary>
    /// Writes what is missing of the ledger of a running or paused campaign and marks it complete. Returns false
    /// when there was nothing to do (already complete, not launched, or another process is writing it).
    /// </summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="progress">Receives the number of people handled so far.</param>
    /// <param name="cancellationToken">Stops between batches; what was committed stays and a later call continues.</param>
    /// <param name="wait">True to wait for another process writing the same ledger, false to leave it to that process.</param>
    public async Task<bool> CompleteAsync(int campaignId, IProgress<long>? progress, CancellationToken cancellationToken, bool wait = true)
    {
        var connection = await OpenAsync(cancellationToken);
        var locked = await connection.ScalarAsync<bool>(wait ? "SELECT pg_advisory_lock($1, $2) IS NOT NULL" : "SELECT pg_try_advisory_lock($1, $2)", cancellationToken, LedgerLock, campaignId);
        if (!locked)
        {
            return false;
        }

        try
        {
            var campaign = await CampaignRows.FindAsync(connection, campaignId, cancellationToken);
            if (campaign is null || campaign.LedgerComplete || campaign.Status is not (CampaignStatus.Running or CampaignStatus.Paused))
            {
                return false;
            }

            var now = time.GetUtcNow();
            long written = 0;
            long handled = 0;
            var after = 0L;
            while (true)
            {
                var upTo = await connection.ScalarAsync<long?>(
                    "SELECT person_id FROM exposures WHERE incident_id = $1 AND person_id > $2 ORDER BY person_id OFFSET $3 LIMIT 1",
                    cancellationToken,
                    campaign.IncidentId,
                    after,
                    PeoplePerBatch - 1) ?? long.MaxValue;
                var fresh = !await connection.ScalarAsync<bool>(RangeHasRowsSql, cancellationToken, campaign.Id, after, upTo);
                written += await InsertBatchAsync(connection, campaign, now, after, upTo, fresh, cancellationToken);
                if (upTo == long.MaxValue)
                {
                    break;
                }

                handled += PeoplePerBatch;
                after = upTo;
                progress?.Report(handled);
            }

            var audience = await CampaignAudience.CountAsync(connection, campaign.IncidentId, campaign.Policy, cancellationToken);
            var (people, unreachable) = (audience.People, audience.Unreachable);
            progress?.Report(people);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var marked = await connection.ExecuteAsync(
                "UPDATE campaigns SET ledger_complete = true, people_count = $2, unreachable_count = $3 WHERE id = $1 AND NOT ledger_complete",
                cancellationToken,
                campaignId,
                people,
                unreachable);
            if (marked == 1)
            {
                var total = await connection.ScalarAsync<long>($"SELECT coalesce(sum(messages), 0)::bigint FROM {LedgerTallies.Totals} WHERE campaign_id = $1", cancellationToken, campaignId);
                await audit.AppendAsync(
                    new AuditEntry(AuditEventType.CampaignLedgerWritten, AuditActor.System)
                    {
                        SubjectType = AuditSubjects.Campaign,
                        SubjectId = campaignId.ToString(CultureInfo.InvariantCulture),
                        Detail = string.Create(CultureInfo.InvariantCulture, $"messages={total} people={people} unreachable={unreachable}"),
                    },
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogLedgerWritten(logger, campaignId, written, people, unreachable);
            return true;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock($1, $2)", CancellationToken.None, LedgerLock, campaignId);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Cancels, in batches, the messages of a campaign that no provider has accepted yet.</summary>
    public async Task<long> CancelOpenMessagesAsync(int campaignId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        long cancelled = 0;
        int batch;
        try
        {
            do
            {
                batch = await connection.ExecuteAsync(
                    $$"""
                    UPDATE messages SET status = {{LedgerSql.Cancelled}}, completed_at = $2, lease_token = NULL, lease_expires_at = NULL
                    WHERE id IN (SELECT id FROM messages WHERE campaign_id = $1 AND status IN {{LedgerSql.Due}} LIMIT $3 FOR UPDATE SKIP LOCKED)
                    """,
                    cancellationToken,
                    campaignId,
                    time.GetUtcNow(),
                    PeoplePerBatch);
                cancelled += batch;
            }
            while (batch > 0);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return cancelled;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    /// <summary>
    /// Writes the campaign's messages of the people with ids in (<paramref name="after"/>, <paramref name="upTo"/>]
    /// and returns how many; without ON CONFLICT when <paramref name="fresh"/> (the range held none of them a moment ago).
    /// </summary>
    internal async Task<long> InsertBatchAsync(NpgsqlConnection connection, CampaignRow campaign, DateTimeOffset now, long after, long upTo, bool fresh, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await connection.ExecuteAsync(
                    fresh ? InsertNewBatchSql : InsertBatchSql,
                    cancellationToken,
                    campaign.Id,
                    campaign.Language,
                    now,
                    campaign.IncidentId,
                    (short)campaign.Policy,
                    after,
                    upTo);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && fresh && e.ConstraintName == LedgerKey)
            {
                fresh = false;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < ReferenceCollisionRetries)
            {
                // Two reference codes drawn alike (60 random bits): the batch rolled back; draw again.
                LogReferenceCollision(logger, campaign.Id, attempt);
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Campaign {CampaignId}: ledger written ({Written} new messages, {People} people, {Unreachable} unreachable).")]
    private static partial void LogLedgerWritten(ILogger logger, int campaignId, long written, long people, long unreachable);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: two reference codes collided while writing the ledger (attempt {Attempt}); the batch is drawn again.")]
    private static partial void LogReferenceCollision(ILogger logger, int campaignId, int attempt);
}
