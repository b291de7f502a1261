using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Registry.Protection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Checks.Codes;

/// <summary>
/// Takes check requests off the queue in batches: finds who holds each contact (one query per kind), gives each
/// known contact a new code and writes its message into the priority lane, all in one transaction per batch.
/// Unknown contacts cost nothing and leave no trace. Also clears codes and sessions long expired.
/// </summary>
public sealed partial class CheckRequestWorker(
    CheckRequests queue,
    NpgsqlDataSource database,
    IServiceProvider services,
    IOptions<PortalOptions> portal,
    IOptions<CheckOptions> options,
    TimeProvider time,
    ILogger<CheckRequestWorker> logger) : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;

    /// <summary>Requests processed since start, known or not: lets tests wait for the queue to drain.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    private long _processed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<CheckRequest>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < BatchSize && queue.Reader.TryRead(out var request))
                {
                    batch.Add(request);
                }

                await ProcessSafelyAsync(batch, stoppingToken);
                Interlocked.Add(ref _processed, batch.Count);
                await CleanUpWhenDueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessSafelyAsync(List<CheckRequest> batch, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessAsync(batch, cancellationToken);
        }
        catch (Exception failure) when (failure is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The person sees the same page either way and can ask again; nothing half-written (one transaction).
            LogBatchFailed(logger, failure, batch.Count);
        }
    }

    private async Task ProcessAsync(List<CheckRequest> batch, CancellationToken cancellationToken)
    {
        // The last request for a contact wins, as it would had they come one by one.
        var latest = new Dictionary<string, CheckRequest>(StringComparer.Ordinal);
        foreach (var request in batch)
        {
            latest[Convert.ToBase64String(request.ContactIndex)] = request;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var holders = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        await FindHoldersAsync(connection, "email_index", [.. latest.Values.Where(r => r.Kind == BlindIndexKind.Email)], holders, cancellationToken);
        await FindHoldersAsync(connection, "phone_index", [.. latest.Values.Where(r => r.Kind == BlindIndexKind.Phone)], holders, cancellationToken);
        if (holders.Count == 0)
        {
            return;
        }

        var codes = services.GetRequiredService<OneTimeCodes>();
        var priority = services.GetRequiredService<PriorityMessages>();
        var address = PortalAddress.ForPeople(portal.Value.PublicUrl);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var write = PortalSql.Batch(connection, transaction);
        foreach (var (key, people) in holders)
        {
            var request = latest[key];
            var code = OneTimeCodes.NewCode();
            var ids = people.Order().ToArray();
            write.BatchCommands.Add(codes.IssueCommand(request.ContactIndex, code, ids));
            var reference = ReferenceCode.New();
            var (subject, text) = CodeMessage.Compose(request.Kind, request.Language, code, reference, (int)Math.Round(options.Value.CodeLifetime.TotalMinutes), portal.Value.AgencyName, address);
            var channel = request.Kind == BlindIndexKind.Email ? MessageChannel.Email : MessageChannel.Sms;
            write.BatchCommands.Add(priority.EnqueueCommand(ids[0], channel, request.Language, reference, subject, text));
        }

        await write.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        priority.Committed();
        LogCodesIssued(logger, holders.Count, batch.Count);
    }

    private static async Task FindHoldersAsync(NpgsqlConnection connection, string column, List<CheckRequest> requests, Dictionary<string, List<long>> holders, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return;
        }

        await using var command = PortalSql.Command(
            connection,
            $"SELECT {column}, id FROM people WHERE purged_at IS NULL AND {column} = ANY($1)",
            PortalSql.Typed<byte[][]>([.. requests.Select(r => r.ContactIndex)]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = Convert.ToBase64String(reader.GetFieldValue<byte[]>(0));
            if (!holders.TryGetValue(key, out var people))
            {
                holders[key] = people = [];
            }

            people.Add(reader.GetInt64(1));
        }
    }

    private async Task CleanUpWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastCleanup < CleanupEvery)
        {
            return;
        }

        _lastCleanup = now;
        try
        {
            var before = now - KeptAfterExpiry;
            await using var batch = PortalSql.Batch(
                database,
                PortalSql.BatchCommand("DELETE FROM verification_codes WHERE expires_at < $1", before),
                PortalSql.BatchCommand("DELETE FROM check_sessions WHERE expires_at < $1", before));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException failure)
        {
            LogCleanupFailed(logger, failure);
        }
    }

    [LoggerMessage(EventId = 6001, EventName = "CheckCodesIssued", Level = LogLevel.Debug, Message = "Check requests: {Requests} taken, {Codes} code(s) sent.")]
    private static partial void LogCodesIssued(ILogger logger, int codes, int requests);

    [LoggerMessage(EventId = 6002, EventName = "CheckBatchFailed", Level = LogLevel.Error, Message = "A batch of {Requests} check request(s) could not be processed; those people were sent no code.")]
    private static partial void LogBatchFailed(ILogger logger, Exception failure, int requests);

    [LoggerMessage(EventId = 6003, EventName = "CheckCleanupFailed", Level = LogLevel.Warning, Message = "Expired verification codes and sessions could not be cleared; the next pass will try again.")]
    private static partial void LogCleanupFailed(ILogger logger, Exception failure);
}
