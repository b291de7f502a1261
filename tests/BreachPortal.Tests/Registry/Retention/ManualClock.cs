using System.Globalization;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Registry.Retention;

/// <summary>A clock that moves only when the test moves it, timers included: a wait of a day takes no time.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits (in real time) until something set a timer for <paramref name="due"/>.</summary>
    public Task WaitForTimerAsync(DateTimeOffset due) =>
        Eventually.WaitAsync(
            () =>
            {
                lock (_lock)
                {
                    return _timers.Select(t => t.Due).ToList();
                }
            },
            dues => dues.Contains(due),
            dues => $"No timer was set for {due:u}; timers are due at: {string.Join(", ", dues.Select(d => d?.ToString("u", CultureInfo.InvariantCulture)))}");

    public void AdvanceTo(DateTimeOffset to)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now = to;
            due = [.. _timers.Where(t => t.Due <= to)];
            foreach (var timer in due)
            {
                timer.Rearm(to);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; private set; }

        private TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                Period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                if (Due is not null)
                {
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        /// <summary>Called under the clock's lock.</summary>
        public void Rearm(DateTimeOffset now)
        {
            if (Period > TimeSpan.Zero && Period != Timeout.InfiniteTimeSpan)
            {
                Due = now + Period;
            }
            else
            {
                Due = null;
                clock._timers.Remove(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                Due = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
