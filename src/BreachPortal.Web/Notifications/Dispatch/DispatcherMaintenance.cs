using System.Collections.Concurrent;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>
/// The sending nodes' upkeep, beside the dispatcher and on the same switch: makes messages whose process died due
/// again, completes ledgers whose launch was cut short, closes campaigns whose every message is final and folds the
/// ledger's tally changes and counts again the people of ledgers that moved. Any number of nodes may run it: each step is guarded in the database.
/// </summary>
public sealed partial class DispatcherMaintenance(
    NpgsqlDataSource database,
    MessageLeases leases,
    LedgerPeople people,
    IServiceScopeFactory scopes,
    IOptions<DispatcherOptions> options,
    TimeProvider time,
    ILogger<DispatcherMaintenance> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<int, bool> _ledgersInProgress = new();
    private Task _recounting = Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var ledgers = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                ledgers.RemoveAll(t => t.IsCompleted);
                ledgers.AddRange(await MaintainAsync(stoppingToken));
                await Task.Delay(settings.Maintenance, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Upkeep outlives a database restart: it logs, waits and tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogMaintenanceFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            }
        }

        await Task.WhenAll(ledgers);
    }

    /// <returns>The ledger completions started, which run on while the next passes go on.</returns>
    private async Task<List<Task>> MaintainAsync(CancellationToken cancellationToken)
    {
        var reclaimed = await leases.ReclaimExpiredAsync(time.GetUtcNow(), options.Value.RetryLimits, cancellationToken);
        if (reclaimed > 0)
        {
            LogReclaimed(logger, reclaimed);
        }

        var started = new List<Task>();
        foreach (var campaign in await CampaignRows.LedgerToCompleteAsync(database, cancellationToken))
        {
            if (_ledgersInProgress.TryAdd(campaign.Id, true))
            {
                started.Add(Task.Run(() => CompleteLedgerAsync(campaign.Id, cancellationToken), CancellationToken.None));
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CampaignFinisher>().FinishCompletedAsync(cancellationToken);
        await LedgerTallies.FoldAsync(database, time.GetUtcNow() - LedgerTallies.KeptChanges, cancellationToken);

        // Counting the people of a national ledger takes tens of seconds: it runs beside the next passes, one at a time.
        if (_recounting.IsCompleted)
        {
            _recounting = Task.Run(() => RecountPeopleAsync(cancellationToken), CancellationToken.None);
            started.Add(_recounting);
        }

        return started;
    }

    private async Task CompleteLedgerAsync(int campaignId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LedgerWriter>().CompleteAsync(campaignId, null, cancellationToken, wait: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what was committed stays and the next start continues.
        }
#pragma warning disable CA1031 // A launch left half-written is taken up again at the next pass.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogLedgerFailed(logger, campaignId, e);
        }
        finally
        {
            _ledgersInProgress.TryRemove(campaignId, out _);
        }
    }

    private async Task RecountPeopleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await people.RecountStaleAsync(time.GetUtcNow(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the next start counts again.
        }
#pragma warning disable CA1031 // A count that failed is taken up again at the next pass.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRecountFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 5108, Level = LogLevel.Error, Message = "Counting the people an incident's ledger reached failed; it is taken up again later.")]
    private static partial void LogRecountFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "{Count} messages whose lease expired (their process stopped) are due again.")]
    private static partial void LogReclaimed(ILogger logger, int count);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Error, Message = "Writing the ledger of campaign {CampaignId} failed; it is taken up again later.")]
    private static partial void LogLedgerFailed(ILogger logger, int campaignId, Exception exception);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Error, Message = "The dispatcher's maintenance failed; it tries again in a second.")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}
