using System.Security.Cryptography;

namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>Exponential back-off with jitter: attempt n waits between half and all of base × 2ⁿ⁻¹, capped.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan max)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));

        // Spread retries so that messages failing together (a relay down) do not come back together.
        var jitter = 0.5 + (RandomNumberGenerator.GetInt32(0, 10_000) / 20_000.0);
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }
}
