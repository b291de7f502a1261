using System.Threading.RateLimiting;
using System.ComponentModel.DataAnnotations;

namespace BreachPortal.Web.Checks;

/// <summary>The citizen check and message verification (section <c>Checks</c>).</summary>
public sealed class CheckOptions
{
    public const string Section = "Checks";

    /// <summary>How long a one-time code can be used.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts at one code, right or wrong; the next is refused even with the right code.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a person sees their results after the code, whatever they do.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "02:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Check requests waiting for the background worker; beyond it they are dropped and counted.</summary>
    [Range(100, 1_000_000)]
    public int QueueCapacity { get; set; } = 50_000;

    [Required]
    public CheckRateLimits RateLimits { get; set; } = new();
}

/// <summary>Windows per client address (each form) and per contact typed; a benchmark may lift them all.</summary>
public sealed class CheckRateLimits
{
    public bool Enabled { get; set; } = true;

    /// <summary>Code requests (<c>POST /check</c>) per client address.</summary>
    [Required]
    public RateLimitWindow Check { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Code requests for one email or number, whoever asks: a person is not flooded with codes.</summary>
    [Required]
    public RateLimitWindow Contact { get; set; } = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Codes typed (<c>POST /check/code</c>) per client address.</summary>
    [Required]
    public RateLimitWindow Code { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Reference codes checked (<c>POST /verify</c>) per client address.</summary>
    [Required]
    public RateLimitWindow Verify { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Reports of a fake message per client address.</summary>
    [Required]
    public RateLimitWindow Report { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };
}

public sealed class RateLimitWindow
{
    /// <summary>A fixed window that refuses at once (no queue): a refused visitor is told when to come back.</summary>
    public FixedWindowRateLimiterOptions FixedWindow() => new()
    {
        PermitLimit = PermitLimit,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; }
}
