using System.Diagnostics;
using System.Globalization;

namespace BreachPortal.Benchmarks.Infrastructure;

/// <summary>
/// The peak resident memory of a running process: its high-water mark (VmHWM in /proc/PID/status), read every
/// <see cref="Interval"/>. The kernel keeps the maximum, so sampling misses no peak, only its last 100 ms.
/// </summary>
public sealed class PeakMemory
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch _watched = new();
    private long _highWaterKiB;
    private long _risenAtTicks;

    /// <summary>The last value read, in MiB.</summary>
    public double HighWaterMiB => Interlocked.Read(ref _highWaterKiB) / 1024.0;

    /// <summary>
    /// When the high-water mark last rose, from the start of the watch: a peak of the first seconds is the start
    /// (JIT, connections), a late one what the process holds after working a while.
    /// </summary>
    public TimeSpan ReachedAt => TimeSpan.FromTicks(Interlocked.Read(ref _risenAtTicks));

    public async Task WatchAsync(int processId, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        _watched.Start();
        try
        {
            do
            {
                Sample(processId);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The process ended; the last sample stands.
        }
    }

    private void Sample(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kib = line.AsSpan("VmHWM:".Length).Trim().TrimEnd("kB").Trim();
                    var highWater = long.Parse(kib, NumberStyles.None, CultureInfo.InvariantCulture);
                    if (Interlocked.Exchange(ref _highWaterKiB, highWater) < highWater)
                    {
                        Interlocked.Exchange(ref _risenAtTicks, _watched.Elapsed.Ticks);
                    }

                    return;
                }
            }
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            // Between two samples the process ended: nothing more to read.
        }
    }
}
