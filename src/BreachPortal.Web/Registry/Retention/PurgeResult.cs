namespace BreachPortal.Web.Registry.Retention;

/// <summary>What a purge did, or for a dry run would do. Counts are people, never anything about them.</summary>
/// <param name="AlreadyRunning">Another purge held the lock: this one did nothing.</param>
/// <param name="Erased">People whose data this run erased (a dry run: whose retention date has passed).</param>
/// <param name="PurgedInTotal">People purged so far, this run included; their rows and exposures remain as counts.</param>
/// <param name="Retained">People still held with a retention date in the future.</param>
public sealed record PurgeResult(bool AlreadyRunning, long Erased, long PurgedInTotal, long Retained)
{
    public static PurgeResult Busy { get; } = new(true, 0, 0, 0);
}
