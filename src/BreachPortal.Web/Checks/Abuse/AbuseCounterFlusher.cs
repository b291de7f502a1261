using BreachPortal.Web.Data;
using Npgsql;

namespace BreachPortal.Web.Checks.Abuse;

/// <summary>Adds the counted refusals to <c>rate_limit_hits</c> every few seconds, and once more when stopping.</summary>
public sealed partial class AbuseCounterFlusher(AbuseCounters counters, NpgsqlDataSource database, TimeProvider time, ILogger<AbuseCounterFlusher> logger) : BackgroundService
{
    private const string CountSql = """
        INSERT INTO rate_limit_hits (limit_name, hour, hits) VALUES ($1, $2, $3)
        ON CONFLICT (limit_name, hour) DO UPDATE SET hits = rate_limit_hits.hits + excluded.hits
        """;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Stores what has been counted so far; tests call it rather than wait.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var hits = counters.Take();
        if (hits.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        try
        {
            await using var batch = PortalSql.Batch(
                database,
                [.. hits.Select(hit => PortalSql.BatchCommand(CountSql, PortalSql.Typed(hit.Key), PortalSql.Typed(hour), PortalSql.Typed(hit.Value)))]);

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            counters.Restore(hits);
            if (failure is not OperationCanceledException)
            {
                LogFlushFailed(logger, failure);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 6101, EventName = "AbuseCountersNotStored", Level = LogLevel.Warning, Message = "Rate-limit counters could not be stored; they are kept for the next attempt.")]
    private static partial void LogFlushFailed(ILogger logger, Exception failure);
}
