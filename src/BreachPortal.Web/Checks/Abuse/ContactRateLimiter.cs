using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Checks.Abuse;

/// <summary>
/// The per-contact limit on code requests, whoever asks: keyed by the contact's blind index, known or not, so a
/// refusal says nothing about whether the contact is on file. It is applied in the page, which alone reads the form.
/// </summary>
public sealed class ContactRateLimiter : IDisposable
{
    private readonly bool _enabled;
    private readonly PartitionedRateLimiter<string> _limiter;

    public ContactRateLimiter(IOptions<CheckOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.RateLimits;
        _enabled = limits.Enabled;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => limits.Contact.FixedWindow()));
    }

    /// <returns>Null when allowed; otherwise how long to wait.</returns>
    public TimeSpan? TryAcquire(byte[] contactIndex)
    {
        ArgumentNullException.ThrowIfNull(contactIndex);
        if (!_enabled)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(Convert.ToBase64String(contactIndex));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
