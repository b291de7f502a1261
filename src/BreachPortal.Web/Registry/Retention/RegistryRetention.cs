using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Registry.Retention;

/// <summary>
/// When the registry may keep a person's data, and the erasure once that date has passed. Erasure keeps the
/// <c>people</c> row (with the categories held) and its exposures, so the counts reported to the CNIL survive
/// while nothing that identifies anyone does.
/// </summary>
public sealed partial class RegistryRetention(
    PortalDbContext db,
    AuditLog audit,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RegistryRetention> logger)
{
    public const int BatchSize = 10_000;
    internal const long PurgeLock = 0x5265_7465_6E74_696F; // "Retentio"

    /// <summary>
    /// Moves the retention date of every not yet purged person exposed in the incident to
    /// <paramref name="campaignEndedAt"/> plus <see cref="RetentionOptions.DaysAfterLastCampaign"/>, unless a later
    /// campaign already set a later date. The campaign engine calls this when a campaign concerning the incident ends.
    /// </summary>
    /// <param name="incidentId">The incident whose people the campaign concerned.</param>
    /// <param name="campaignEndedAt">When the campaign ended.</param>
    /// <param name="cancellationToken">Stops the update, which then changes nothing.</param>
    /// <returns>The number of people whose retention date moved.</returns>
    public async Task<int> ExtendAfterCampaignAsync(int incidentId, DateTimeOffset campaignEndedAt, CancellationToken cancellationToken)
    {
        var retainUntil = campaignEndedAt.ToUniversalTime().AddDays(options.Value.DaysAfterLastCampaign);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var people = await Connection.ExecuteAsync(
                """
                UPDATE people p SET retain_until = greatest(p.retain_until, $2)
                FROM exposures e
                WHERE e.incident_id = $1 AND e.person_id = p.id AND p.purged_at IS NULL
                  AND (p.retain_until IS NULL OR p.retain_until < $2)
                """,
                cancellationToken,
                incidentId,
                retainUntil);
            LogExtended(logger, incidentId, people, retainUntil);
            return people;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>What <see cref="PurgeAsync"/> would do now, changing nothing.</summary>
    public async Task<PurgeResult> PreviewAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (due, purged, retained) = await CountAsync(time.GetUtcNow(), cancellationToken);
            return new PurgeResult(false, due, purged, retained);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Erases the payload, key id and blind indexes of everyone whose retention date has passed, in transactions of
    /// <see cref="BatchSize"/> people: no long lock on the registry, and an interrupted purge simply continues at
    /// the next run. One purge at a time across all instances.
    /// </summary>
    public async Task<PurgeResult> PurgeAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await Connection.ScalarAsync<bool>("SELECT pg_try_advisory_lock($1)", cancellationToken, PurgeLock))
            {
                LogAlreadyRunning(logger);
                return PurgeResult.Busy;
            }

            try
            {
                return await PurgeLockedAsync(actor, cancellationToken);
            }
            finally
            {
                await UnlockAsync();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<PurgeResult> PurgeLockedAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        long erased = 0;
        try
        {
            int batch;
            do
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                batch = await Connection.ExecuteAsync(PurgeBatchSql, cancellationToken, now, BatchSize);
                await transaction.CommitAsync(cancellationToken);
                erased += batch;
                if (batch > 0)
                {
                    LogBatch(logger, batch, erased);
                }
            }
            while (batch > 0);

            var (_, purged, retained) = await CountAsync(now, cancellationToken);
            if (erased > 0)
            {
                await audit.AppendAsync(
                    new AuditEntry(AuditEventType.RegistryPurged, actor)
                    {
                        Detail = string.Create(CultureInfo.InvariantCulture, $"erased={erased} purged_total={purged} retained={retained}"),
                    },
                    cancellationToken);
            }

            return new PurgeResult(false, erased, purged, retained);
        }
        catch when (erased > 0)
        {
            await RecordInterruptedAsync(actor, erased);
            throw;
        }
    }

    /// <summary>The batches already committed stay erased, so the audit log must say so even when the run failed.</summary>
    private async Task RecordInterruptedAsync(AuditActor actor, long erased)
    {
        LogInterrupted(logger, erased);
        try
        {
            await audit.AppendAsync(
                new AuditEntry(AuditEventType.RegistryPurged, actor)
                {
                    Detail = string.Create(CultureInfo.InvariantCulture, $"erased={erased} interrupted"),
                },
                CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogInterruptedNotAudited(logger, exception, erased);
        }
    }

    /// <summary>A session lock outlives the connection's return to the pool: it is released explicitly.</summary>
    private async Task UnlockAsync()
    {
        try
        {
            await Connection.ScalarAsync<bool>("SELECT pg_advisory_unlock($1)", CancellationToken.None, PurgeLock);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // A broken connection is not reused, and the server drops its locks with the session.
            LogUnlockFailed(logger, exception);
        }
    }

    private const string PurgeBatchSql = """
        WITH due AS (
            SELECT id FROM people
            WHERE purged_at IS NULL AND retain_until IS NOT NULL AND retain_until < $1
            ORDER BY retain_until
            LIMIT $2
            FOR UPDATE)
        UPDATE people p
        SET payload = NULL, key_id = NULL, nir_index = NULL, france_travail_id_index = NULL,
            email_index = NULL, phone_index = NULL, purged_at = $1
        FROM due
        WHERE p.id = due.id
        """;

    private async Task<(long Due, long Purged, long Retained)> CountAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(
            Connection,
            """
            SELECT count(*) FILTER (WHERE purged_at IS NULL AND retain_until < $1),
                   count(*) FILTER (WHERE purged_at IS NOT NULL),
                   count(*) FILTER (WHERE purged_at IS NULL AND retain_until >= $1)
            FROM people
            """,
            now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    [LoggerMessage(EventId = 4201, EventName = "RetentionExtended", Level = LogLevel.Information, Message = "Retention of {People} people of incident {IncidentId} extended to {RetainUntil}.")]
    private static partial void LogExtended(ILogger logger, int incidentId, int people, DateTimeOffset retainUntil);

    [LoggerMessage(EventId = 4202, EventName = "RegistryPurgeBatch", Level = LogLevel.Debug, Message = "Registry purge: {Batch} people erased in this batch, {Erased} in this run so far.")]
    private static partial void LogBatch(ILogger logger, int batch, long erased);

    [LoggerMessage(EventId = 4203, EventName = "RegistryPurgeAlreadyRunning", Level = LogLevel.Warning, Message = "Registry purge not started: another purge is already running.")]
    private static partial void LogAlreadyRunning(ILogger logger);

    [LoggerMessage(EventId = 4204, EventName = "RegistryPurgeInterrupted", Level = LogLevel.Warning, Message = "Registry purge interrupted after erasing {Erased} people; the next run continues it.")]
    private static partial void LogInterrupted(ILogger logger, long erased);

    [LoggerMessage(EventId = 4205, EventName = "RegistryPurgeNotAudited", Level = LogLevel.Error, Message = "Registry purge interrupted after erasing {Erased} people, and the audit event could not be written.")]
    private static partial void LogInterruptedNotAudited(ILogger logger, Exception exception, long erased);

    [LoggerMessage(EventId = 4206, EventName = "RegistryPurgeUnlockFailed", Level = LogLevel.Warning, Message = "Registry purge could not release its lock; it goes with the database session.")]
    private static partial void LogUnlockFailed(ILogger logger, Exception exception);
}
