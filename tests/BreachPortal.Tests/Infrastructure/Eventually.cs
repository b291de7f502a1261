using System.Diagnostics;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// Waits for something a test set in motion to happen elsewhere (a row, a message, a log event), looking again and
/// again until it has or the ceiling is reached. The ceiling is generous on purpose: on a loaded machine things take
/// long, and a test that waits for the thing itself passes as soon as it is there.
/// </summary>
public static class Eventually
{
    /// <summary>Minutes, not seconds: a busy 2-core machine running the whole suite is slow, not broken.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Reads <paramref name="probe"/> until <paramref name="done"/> holds, and returns what it read then.</summary>
    /// <param name="probe">Reads the current state.</param>
    /// <param name="done">Whether the state is the one awaited.</param>
    /// <param name="failure">The failure message, from the last state read.</param>
    /// <param name="ceiling">How long at most; <see cref="Ceiling"/> by default.</param>
    public static async Task<T> WaitAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> done, Func<T, string> failure, TimeSpan? ceiling = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(failure);
        var limit = ceiling ?? Ceiling;
        var cancellationToken = TestContext.Current.CancellationToken;

        // A monotonic clock: the wall clock may jump, and a test's own TimeProvider may be frozen.
        var elapsed = Stopwatch.StartNew();
        var pause = FirstPause;
        while (true)
        {
            var state = await probe(cancellationToken);
            if (done(state))
            {
                return state;
            }

            if (elapsed.Elapsed > limit)
            {
                Assert.Fail($"{failure(state)} (waited {limit.TotalSeconds:0} s).");
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, pause.Ticks * 2));
        }
    }

    /// <inheritdoc cref="WaitAsync{T}(Func{CancellationToken, Task{T}}, Func{T, bool}, Func{T, string}, TimeSpan?)"/>
    public static Task<T> WaitAsync<T>(Func<T> probe, Func<T, bool> done, Func<T, string> failure, TimeSpan? ceiling = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return WaitAsync(_ => Task.FromResult(probe()), done, failure, ceiling);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; <paramref name="what"/> says what did not happen.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? ceiling = null) =>
        WaitAsync(condition, held => held, _ => what, ceiling);

    /// <inheritdoc cref="UntilAsync(Func{bool}, string, TimeSpan?)"/>
    public static Task UntilAsync(Func<CancellationToken, Task<bool>> condition, string what, TimeSpan? ceiling = null) =>
        WaitAsync(condition, held => held, _ => what, ceiling);
}
