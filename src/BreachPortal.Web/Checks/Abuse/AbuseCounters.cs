using System.Collections.Concurrent;

namespace BreachPortal.Web.Checks.Abuse;

/// <summary>
/// Counts every refusal of the citizen pages' limits, in memory, for <see cref="AbuseCounterFlusher"/> to add to
/// <c>rate_limit_hits</c> every few seconds: a flood must not turn into as many writes.
/// </summary>
public sealed class AbuseCounters
{
    /// <summary>Code requests from one client address.</summary>
    public const string Check = "check";

    /// <summary>Code requests for one email or number.</summary>
    public const string Contact = "contact";

    /// <summary>Codes typed from one client address.</summary>
    public const string Code = "code";

    /// <summary>Reference codes checked from one client address.</summary>
    public const string Verify = "verify";

    /// <summary>Fake-message reports from one client address.</summary>
    public const string Report = "report";

    /// <summary>Check requests dropped because the worker's queue was full.</summary>
    public const string QueueFull = "queue-full";

    public static IReadOnlyList<string> All { get; } = [Check, Contact, Code, Verify, Report, QueueFull];

    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);

    public void Hit(string limit) => _pending.AddOrUpdate(limit, 1, static (_, count) => count + 1);

    /// <summary>The hits counted since the last call, now forgotten here.</summary>
    public IReadOnlyDictionary<string, long> Take()
    {
        var taken = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var limit in _pending.Keys)
        {
            if (_pending.TryRemove(limit, out var count) && count > 0)
            {
                taken[limit] = count;
            }
        }

        return taken;
    }

    /// <summary>Puts back hits that could not be stored, so the next flush tries again.</summary>
    public void Restore(IReadOnlyDictionary<string, long> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        foreach (var (limit, count) in hits)
        {
            _pending.AddOrUpdate(limit, count, (_, current) => current + count);
        }
    }
}
