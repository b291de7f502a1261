using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>
/// Sends what the ledger says is due, as ARCHITECTURE.md's dispatcher: claims batches under a lease, sends with
/// bounded concurrency under per-campaign token buckets, and records each outcome with a guarded update. Any number
/// of processes may run it against one database; <see cref="DispatcherOptions.Enabled"/> decides whether this one does.
/// </summary>
// Its channels and keys are resolved only when it runs: a web node with the dispatcher off needs none of them.
public sealed partial class DispatcherService(
    IServiceProvider services,
    IOptions<DispatcherOptions> options,
    IOptions<EmailOptions> smtp,
    PriorityArrivals arrivals,
    TimeProvider time,
    ILogger<DispatcherService> logger) : BackgroundService
{
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan CampaignRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinimumLeaseMargin = TimeSpan.FromMilliseconds(500);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly Guid _instance = Guid.NewGuid();
    private readonly Channel<SendResult> _results = Channel.CreateUnbounded<SendResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<(int Campaign, MessageChannel Channel), SendRate> _rates = new();
    private readonly ConcurrentDictionary<(int? Campaign, MessageChannel Channel), StrongBox> _queued = new();
    private volatile IReadOnlyDictionary<int, CampaignRow> _running = new Dictionary<int, CampaignRow>();
    private int _instances = 1;
    private DispatchStore _store = null!;
    private MessageLeases _leases = null!;
    private NpgsqlDataSource _database = null!;
    private MessageComposer _composer = null!;
    private IEmailSender _email = null!;
    private ISmsSender _sms = null!;

    /// <summary>Outcomes committed by this process since it started, for tests and diagnostics.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    private long _committed;

    /// <summary>Passes of the claim loop since start: lets a test wait until the dispatcher has looked again.</summary>
    public long ClaimRounds => Interlocked.Read(ref _claimRounds);

    private long _claimRounds;

    /// <summary>A sending node whose keys or channels are unusable fails to start, rather than after it says it runs.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _store = services.GetRequiredService<DispatchStore>();
            _leases = services.GetRequiredService<MessageLeases>();
            _database = services.GetRequiredService<NpgsqlDataSource>();
            _composer = services.GetRequiredService<MessageComposer>();
            _email = services.GetRequiredService<IEmailSender>();
            _sms = services.GetRequiredService<ISmsSender>();
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        LogStarted(logger, _instance);
        using var sending = new CancellationTokenSource();
        var lanes = new Dictionary<MessageChannel, Lane>
        {
            // More workers than SMTP connections would wait inside the transport, where the lease check cannot see them.
            [MessageChannel.Email] = new(Math.Min(settings.EmailConcurrency, smtp.Value.Smtp.MaxConnections)),
            [MessageChannel.Sms] = new(settings.SmsConcurrency),
        };
        var committer = Task.Run(() => CommitLoopAsync(CancellationToken.None), CancellationToken.None);
        var workers = lanes.SelectMany(l => Enumerable.Range(0, l.Value.Concurrency).Select(_ => Task.Run(() => WorkAsync(l.Key, l.Value, sending.Token), CancellationToken.None))).ToList();
        try
        {
            await ClaimLoopAsync(lanes, stoppingToken);
        }
        finally
        {
            foreach (var lane in lanes.Values)
            {
                lane.Close();
            }

            sending.CancelAfter(StopGrace);
            await Task.WhenAll(workers);
            _results.Writer.Complete();
            await committer;
            await ForgetInstanceAsync();
            foreach (var lane in lanes.Values)
            {
                lane.Dispose();
            }

            LogStopped(logger, _instance);
        }
    }

    private async Task ClaimLoopAsync(Dictionary<MessageChannel, Lane> lanes, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var startedAt = time.GetUtcNow();
        var nextHeartbeat = DateTimeOffset.MinValue;
        var nextRefresh = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = settings.PollInterval;
            var arrival = arrivals.Next;
            try
            {
                var now = time.GetUtcNow();
                if (now >= nextHeartbeat)
                {
                    _instances = await _store.HeartbeatAsync(_instance, Environment.MachineName, startedAt, now, stoppingToken);
                    nextHeartbeat = now + settings.Heartbeat;
                }

                if (now >= nextRefresh)
                {
                    await RefreshCampaignsAsync(stoppingToken);
                    nextRefresh = now + CampaignRefresh;
                }

                var (claimed, full) = await ClaimDueAsync(lanes, now, stoppingToken);
                Interlocked.Increment(ref _claimRounds);
                if (claimed > 0 || full)
                {
                    pause = claimed > 0 ? TimeSpan.Zero : BusyPause;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The dispatcher outlives a database restart: it logs, waits and tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogLoopFailed(logger, e);
                pause = TimeSpan.FromSeconds(1);
            }

            if (pause > TimeSpan.Zero)
            {
                try
                {
                    // A code written by this process wakes the loop at once; the poll finds the others' in time.
                    await PriorityArrivals.WaitAsync(arrival, pause, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<(int Claimed, bool Full)> ClaimDueAsync(Dictionary<MessageChannel, Lane> lanes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = 0;
        var full = false;
        foreach (var (channel, lane) in lanes)
        {
            // The priority lane first: one-time codes must not wait behind a campaign.
            var want = (2 * settings.BatchSize) - Queued(null, channel).Value;
            if (want > 0)
            {
                claimed += Enqueue(lane, null, null, await _leases.ClaimAsync(null, 0, channel, Math.Min(want, settings.BatchSize), Guid.NewGuid(), now, now + settings.Lease, cancellationToken), priority: true);
            }
        }

        foreach (var campaign in _running.Values)
        {
            foreach (var (channel, lane) in lanes)
            {
                if (!Sends(campaign, channel, now))
                {
                    continue;
                }

                var rate = Rate(campaign, channel);

                // About a second of work queued: enough to keep every worker busy, little enough that a lease never
                // expires while its message waits for a token.
                var target = (int)Math.Clamp(Math.Min(rate.PerSecond, lane.Throughput(now)), 1, 4 * settings.BatchSize);
                var queued = Queued(campaign.Id, channel).Value;
                if (queued * 2 > target)
                {
                    full = true;
                    continue;
                }

                var batch = await _leases.ClaimAsync(campaign.Id, campaign.IncidentId, channel, Math.Min(settings.BatchSize, target - queued), Guid.NewGuid(), now, now + settings.Lease, cancellationToken);
                claimed += Enqueue(lane, campaign, rate, batch, priority: false);
            }
        }

        return (claimed, full);
    }

    private int Enqueue(Lane lane, CampaignRow? campaign, SendRate? rate, IReadOnlyList<ClaimedMessage> batch, bool priority)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var counter = Queued(campaign?.Id, batch[0].Channel);
        Interlocked.Add(ref counter.Value, batch.Count);
        foreach (var message in batch)
        {
            lane.Add(new WorkItem(message, campaign, rate, counter), priority);
        }

        return batch.Count;
    }

    private async Task WorkAsync(MessageChannel channel, Lane lane, CancellationToken sending)
    {
        while (await lane.TakeAsync() is { } item)
        {
            SendResult result;
            try
            {
                result = lane.IsClosed || sending.IsCancellationRequested || !StillRunning(item.Campaign)
                    ? Released(item.Message)
                    : await SendAsync(channel, item, sending);
            }
            catch (OperationCanceledException) when (sending.IsCancellationRequested)
            {
                result = Released(item.Message);
            }
#pragma warning disable CA1031 // A bug or a misconfigured channel must not kill the worker: the message is retried and the cause logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSendFailed(logger, item.Message.Id, e);
                result = Transient(item.Message, "internal-error");
            }

            Interlocked.Decrement(ref item.Counter.Value);
            lane.Completed(time.GetUtcNow());
            _results.Writer.TryWrite(result);
        }
    }

    private async Task<SendResult> SendAsync(MessageChannel channel, WorkItem item, CancellationToken sending)
    {
        var message = item.Message;
        if (item.Rate is not null)
        {
            await item.Rate.WaitAsync(sending);
        }

        // Never start a send the lease may not cover: once it expires another process may claim the message, and
        // both would send it. Released, it is claimed again at once, by this process or another.
        if (time.GetUtcNow() > message.LeaseExpiresAt - LeaseMargin)
        {
            return Released(message);
        }

        try
        {
            if (channel == MessageChannel.Email)
            {
                var (mail, problem) = _composer.ComposeEmail(message, item.Campaign);
                if (mail is null)
                {
                    return Permanent(message, problem!);
                }

                await _email.SendAsync(mail, sending);
                return new SendResult(message, SendOutcome.Sent, null, null, default);
            }

            var (text, smsProblem) = _composer.ComposeSms(message, item.Campaign);
            if (text is null)
            {
                return Permanent(message, smsProblem!);
            }

            var providerId = await _sms.SendAsync(text, sending);
            return new SendResult(message, SendOutcome.Sent, null, providerId, default);
        }
        catch (EmailRejectedException e)
        {
            return e.IsPermanent ? Permanent(message, $"smtp-{e.ReplyCode}") : Transient(message, $"smtp-{e.ReplyCode}");
        }
        catch (SmsRejectedException e)
        {
            return e.IsPermanent ? Permanent(message, e.Reason) : Transient(message, e.Reason);
        }
        catch (OperationCanceledException) when (sending.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or HttpRequestException or OperationCanceledException)
        {
            return Transient(message, e is TimeoutException or OperationCanceledException ? "timeout" : "connection-failed");
        }
    }

    private async Task CommitLoopAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pending = new List<SendResult>(settings.CommitBatchSize);
        while (await _results.Reader.WaitToReadAsync(cancellationToken))
        {
            while (pending.Count < settings.CommitBatchSize && _results.Reader.TryRead(out var result))
            {
                pending.Add(result);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _leases.CommitAsync(pending, time.GetUtcNow(), settings.RetryLimits, cancellationToken);
                    Interlocked.Add(ref _committed, pending.Count);
                    break;
                }
#pragma warning disable CA1031 // Outcomes are kept and written again: a lost commit would mean a message sent twice.
                catch (Exception e) when (attempt < 1_000)
#pragma warning restore CA1031
                {
                    LogCommitFailed(logger, pending.Count, attempt, e);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), time, cancellationToken);
                }
            }

            pending.Clear();
        }
    }

    private async Task RefreshCampaignsAsync(CancellationToken cancellationToken)
    {
        var running = await CampaignRows.RunningAsync(_database, cancellationToken);
        foreach (var campaign in running)
        {
            await _composer.PrepareAsync(campaign, cancellationToken);
        }

        _running = running.ToDictionary(c => c.Id);
        foreach (var key in _rates.Keys.Where(k => !_running.ContainsKey(k.Campaign)).ToList())
        {
            if (Queued(key.Campaign, key.Channel).Value == 0 && _rates.TryRemove(key, out var rate))
            {
                rate.Dispose();
            }
        }
    }

    private async Task ForgetInstanceAsync()
    {
        try
        {
            await _store.LeaveAsync(_instance, CancellationToken.None);
        }
#pragma warning disable CA1031 // Its heartbeat expires anyway.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogLoopFailed(logger, e);
        }
    }

    private static bool Sends(CampaignRow campaign, MessageChannel channel, DateTimeOffset now)
    {
        if (channel == MessageChannel.Email)
        {
            return campaign.Policy.UsesEmail();
        }

        if (!campaign.Policy.UsesSms())
        {
            return false;
        }

        var paris = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Paris).DateTime);
        return paris >= campaign.SmsWindowStart && paris < campaign.SmsWindowEnd;
    }

    /// <summary>A third of the lease, at most a minute: far longer than one send takes, unless a server hangs.</summary>
    private TimeSpan LeaseMargin => TimeSpan.FromTicks(Math.Max(MinimumLeaseMargin.Ticks, Math.Min(options.Value.Lease.Ticks / 3, TimeSpan.TicksPerMinute)));

    private SendRate Rate(CampaignRow campaign, MessageChannel channel)
    {
        var perSecond = (double)(channel == MessageChannel.Email ? campaign.EmailsPerSecond : campaign.SmsPerSecond) / Math.Max(1, _instances);
        var rate = _rates.GetOrAdd((campaign.Id, channel), _ => new SendRate(perSecond));
        rate.Change(perSecond);
        return rate;
    }

    private StrongBox Queued(int? campaign, MessageChannel channel) => _queued.GetOrAdd((campaign, channel), _ => new StrongBox());

    private bool StillRunning(CampaignRow? campaign) => campaign is null || _running.ContainsKey(campaign.Id);

    private SendResult Transient(ClaimedMessage message, string reason) =>
        new(message, SendOutcome.Transient, reason, null, time.GetUtcNow() + Backoff.Delay(message.Attempts, options.Value.BackoffBase, options.Value.BackoffMax));

    private static SendResult Permanent(ClaimedMessage message, string reason) => new(message, SendOutcome.Permanent, reason, null, default);

    private static SendResult Released(ClaimedMessage message) => new(message, SendOutcome.Released, null, null, default);

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Dispatcher {Instance} started.")]
    private static partial void LogStarted(ILogger logger, Guid instance);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Dispatcher {Instance} stopped.")]
    private static partial void LogStopped(ILogger logger, Guid instance);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "The dispatcher's loop failed; it tries again in a second.")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Recording {Count} outcomes failed (attempt {Attempt}); they are kept and written again.")]
    private static partial void LogCommitFailed(ILogger logger, int count, int attempt, Exception exception);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Error, Message = "Sending message {MessageId} failed unexpectedly; it will be tried again.")]
    private static partial void LogSendFailed(ILogger logger, long messageId, Exception exception);

    private sealed class StrongBox
    {
#pragma warning disable SA1401, CA1051 // Updated with Interlocked.
        public int Value;
#pragma warning restore SA1401, CA1051
    }

    private sealed record WorkItem(ClaimedMessage Message, CampaignRow? Campaign, SendRate? Rate, StrongBox Counter);

    /// <summary>One channel's workers and their two queues; the priority queue is always read first.</summary>
    private sealed class Lane(int concurrency) : IDisposable
    {
        private readonly ConcurrentQueue<WorkItem> _priority = new();
        private readonly ConcurrentQueue<WorkItem> _normal = new();
        private readonly SemaphoreSlim _available = new(0);
        private readonly Lock _meter = new();
        private volatile bool _closed;
        private long _second;
        private int _completedThisSecond;
        private double _perSecond = concurrency;

        public int Concurrency { get; } = concurrency;

        public bool IsClosed => _closed;

        public void Add(WorkItem item, bool priority)
        {
            (priority ? _priority : _normal).Enqueue(item);
            _available.Release();
        }

        /// <summary>The next item, or null once closed and empty. Items still queued at close are handed out to be released.</summary>
        public async Task<WorkItem?> TakeAsync()
        {
            while (true)
            {
                if (_priority.TryDequeue(out var item) || _normal.TryDequeue(out item))
                {
                    return item;
                }

                if (_closed)
                {
                    return null;
                }

                await _available.WaitAsync(TimeSpan.FromMilliseconds(250));
            }
        }

        public void Close() => _closed = true;

        public void Completed(DateTimeOffset now)
        {
            lock (_meter)
            {
                Roll(now);
                _completedThisSecond++;
            }
        }

        /// <summary>
        /// Messages per second this lane has been getting through lately, never less than its concurrency: what
        /// may be queued without waiting longer than a lease.
        /// </summary>
        public double Throughput(DateTimeOffset now)
        {
            lock (_meter)
            {
                Roll(now);
                return Math.Max(Concurrency, _perSecond);
            }
        }

        private void Roll(DateTimeOffset now)
        {
            var second = now.ToUnixTimeSeconds();
            if (second == _second)
            {
                return;
            }

            _perSecond = second == _second + 1 ? (_perSecond + _completedThisSecond) / 2 : _completedThisSecond;
            _completedThisSecond = 0;
            _second = second;
        }

        public void Dispose() => _available.Dispose();
    }
}
