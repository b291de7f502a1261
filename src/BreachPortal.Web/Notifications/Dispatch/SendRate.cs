using System.Threading.RateLimiting;

namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>
/// A campaign channel's token bucket in this process: the campaign's rate divided by the live dispatcher
/// instances, with a tenth of a second of burst.
/// </summary>
public sealed class SendRate : IDisposable
{
    private TokenBucketRateLimiter _limiter;

    public SendRate(double perSecond)
    {
        PerSecond = perSecond;
        _limiter = Create(perSecond);
    }

    public double PerSecond { get; private set; }

    public void Change(double perSecond)
    {
        if (Math.Abs(perSecond - PerSecond) < 0.001)
        {
            return;
        }

        PerSecond = perSecond;
        var old = Interlocked.Exchange(ref _limiter, Create(perSecond));

        // Waiters on the old bucket are released unacquired and wait again on the new one.
        old.Dispose();
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var lease = await Volatile.Read(ref _limiter).AcquireAsync(1, cancellationToken);
                if (lease.IsAcquired)
                {
                    return;
                }
            }
            catch (ObjectDisposedException)
            {
                // Swapped for a new bucket between the read and the wait: wait on the new one.
            }
        }
    }

    public void Dispose() => _limiter.Dispose();

    private static TokenBucketRateLimiter Create(double perSecond)
    {
        var perSecondAtLeastOne = Math.Max(perSecond, 0.01);
        var tokens = Math.Max(1, (int)(perSecondAtLeastOne / 100));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(tokens, (int)(perSecondAtLeastOne / 10)),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / perSecondAtLeastOne),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
