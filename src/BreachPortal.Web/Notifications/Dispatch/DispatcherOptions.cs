namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>Section <c>Notifications:Dispatcher</c>: whether this process sends, and how.</summary>
public sealed class DispatcherOptions
{
    public const string Section = "Notifications:Dispatcher";

    /// <summary>Off by default: a web node serves pages; sending nodes switch this on.</summary>
    public bool Enabled { get; set; }

    /// <summary>Messages claimed per statement.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Emails in flight at once (the SMTP pool opens at most Email:Smtp:MaxConnections connections).</summary>
    public int EmailConcurrency { get; set; } = 64;

    public int SmsConcurrency { get; set; } = 128;

    /// <summary>How long a claimed message stays with this process before another may claim it again.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a message that keeps failing transiently becomes a technical failure.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Time after the first attempt when a message still failing becomes a technical failure.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(72);

    /// <summary>The first retry waits about this long; each next one twice as long, with jitter.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often an idle dispatcher looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Heartbeats let the live instances share each campaign's rate limit.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often expired leases are reclaimed and finished campaigns closed.</summary>
    public TimeSpan Maintenance { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The ledger's rule for giving up, from <see cref="MaxAttempts"/> and <see cref="GiveUpAfter"/>.</summary>
    public Ledger.RetryLimits RetryLimits => new(MaxAttempts, GiveUpAfter);

    /// <summary>Outcomes written per statement.</summary>
    public int CommitBatchSize { get; set; } = 1_000;
}
