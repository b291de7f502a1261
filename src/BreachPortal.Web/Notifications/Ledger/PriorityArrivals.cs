namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>
/// Tells this process's dispatcher that a priority message (a one-time code, a test message) has just been written,
/// so that it claims it at once instead of at its next poll. Other processes find it at their next poll.
/// </summary>
public sealed class PriorityArrivals
{
    private TaskCompletionSource _next = NewSignal();

    /// <summary>
    /// Completes at the next <see cref="Announce"/>. Taken before looking at the ledger, so that a message written
    /// while the dispatcher looks is never missed: the task it holds is then already complete.
    /// </summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>A priority message is committed: wake whoever waits on <see cref="Next"/>.</summary>
    public void Announce() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    /// <summary>Waits until <paramref name="arrival"/> completes or <paramref name="pause"/> has passed on <paramref name="time"/>.</summary>
    public static async Task WaitAsync(Task arrival, TimeSpan pause, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        if (arrival.IsCompleted)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(pause, time, stop.Token);
        await Task.WhenAny(arrival, delay);
        await stop.CancelAsync();
        await delay.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
