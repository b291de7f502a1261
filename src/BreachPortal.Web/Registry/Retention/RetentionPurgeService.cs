using BreachPortal.Web.Staff.Audit;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Registry.Retention;

/// <summary>
/// Runs the registry purge once a day at <see cref="RetentionOptions.PurgeTimeOfDay"/>, Paris time. A failed run is
/// logged and the job waits for the next day: the purge is resumable, and the web portal must not stop over it.
/// </summary>
public sealed partial class RetentionPurgeService(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurgeService> logger) : BackgroundService
{
    public const string TimeZoneId = "Europe/Paris";

    /// <summary>
    /// The first moment strictly after <paramref name="now"/> when the clocks of <paramref name="zone"/> show
    /// <paramref name="timeOfDay"/>. A time the clocks skip (spring) runs when they land; a time they show twice
    /// (autumn) runs at its first occurrence only.
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="timeOfDay">The local time of day to run at.</param>
    /// <param name="zone">The time zone whose clocks count.</param>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly timeOfDay, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var day = today; ; day = day.AddDays(1))
        {
            var local = day.ToDateTime(timeOfDay, DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(1);
            }

            var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
            var run = new DateTimeOffset(local, offset);
            if (run > now)
            {
                return run.ToUniversalTime();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // An unreadable time never gets here: validation refuses it at start.
        if (!settings.DailyPurge || !RetentionOptions.TryParseTimeOfDay(settings.PurgeTimeOfDay, out var timeOfDay))
        {
            LogDisabled(logger);
            return;
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (TimeZoneNotFoundException exception)
        {
            LogNoTimeZone(logger, exception, TimeZoneId);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = NextRun(now, timeOfDay, zone);
            LogScheduled(logger, next);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<RegistryRetention>().PurgeAsync(AuditActor.System, stoppingToken);
            if (!result.AlreadyRunning)
            {
                LogPurged(logger, result.Erased, result.PurgedInTotal, result.Retained);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 4210, EventName = "RetentionPurgeDisabled", Level = LogLevel.Information, Message = "The daily registry purge is disabled on this instance (Registry:Retention:DailyPurge).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 4211, EventName = "RetentionPurgeScheduled", Level = LogLevel.Information, Message = "Next registry purge at {NextRun:u}.")]
    private static partial void LogScheduled(ILogger logger, DateTimeOffset nextRun);

    [LoggerMessage(EventId = 4212, EventName = "RetentionPurgeCompleted", Level = LogLevel.Information, Message = "Daily registry purge: erased={Erased} purged_total={PurgedInTotal} retained={Retained}.")]
    private static partial void LogPurged(ILogger logger, long erased, long purgedInTotal, long retained);

    [LoggerMessage(EventId = 4213, EventName = "RetentionPurgeFailed", Level = LogLevel.Error, Message = "The daily registry purge failed; it will run again at the next scheduled time.")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4214, EventName = "RetentionPurgeNoTimeZone", Level = LogLevel.Critical, Message = "The daily registry purge cannot be scheduled: the time zone {TimeZone} is not installed (tzdata).")]
    private static partial void LogNoTimeZone(ILogger logger, Exception exception, string timeZone);
}
