using System.Globalization;

namespace BreachPortal.Benchmarks.Infrastructure;

/// <summary>
/// CPU time from /proc, to tell a process that computes from one that waits: a process's own user + system time, a
/// process tree's (live children and those already reaped), and how busy the whole machine was.
/// </summary>
public static class CpuUsage
{
    // USER_HZ: the unit of /proc's times, 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>User + system time of the process; zero once it is gone.</summary>
    public static TimeSpan OfProcess(int processId) => Read(processId) is { } stat ? Seconds(stat.Own) : TimeSpan.Zero;

    /// <summary>
    /// User + system time of the process, of its children that ended (reaped by it) and of those still running: a
    /// PostgreSQL server's whole work, its backends included.
    /// </summary>
    public static TimeSpan OfTree(int processId)
    {
        if (Read(processId) is not { } root)
        {
            return TimeSpan.Zero;
        }

        var ticks = root.Own + root.ReapedChildren;
        foreach (var child in Children(processId))
        {
            ticks += Read(child)?.Own ?? 0;
        }

        return Seconds(ticks);
    }

    /// <summary>User + system time of the process's children that ended and were reaped by it (a timed child's, taken before and after).</summary>
    public static TimeSpan OfReapedChildren(int processId) => Read(processId) is { } stat ? Seconds(stat.ReapedChildren) : TimeSpan.Zero;

    /// <summary>The process's parent, or null when it is gone.</summary>
    public static int? ParentOf(int processId) => Read(processId)?.Parent;

    /// <summary>The process's name (comm), or null when there is no such process here.</summary>
    public static string? NameOf(int processId) => Read(processId)?.Name;

    /// <summary>Running processes whose parent is <paramref name="processId"/> and whose name (comm) is <paramref name="name"/>, or any name when null.</summary>
    public static IReadOnlyList<int> Children(int processId, string? name = null)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } stat && stat.Parent == processId && (name is null || stat.Name == name))
            {
                children.Add(pid);
            }
        }

        return children;
    }

    /// <summary>
    /// User + system time of each of the process's threads named <paramref name="threadName"/> (comm, 15 characters
    /// at most), by thread id: the runtime's background compiler (".NET Tiered Com"), say, which tells a warm process
    /// from one still compiling. Such a thread may end and another start: compare two readings with <see cref="Growth"/>.
    /// </summary>
    public static IReadOnlyDictionary<int, TimeSpan> OfThreads(int processId, string threadName)
    {
        var threads = new Dictionary<int, TimeSpan>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
            {
                if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && Read(Path.Combine(task, "stat")) is { } stat && stat.Name == threadName)
                {
                    threads[id] = Seconds(stat.Own);
                }
            }
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            // The process ended: what was read so far stands.
        }

        return threads;
    }

    /// <summary>CPU time the threads of <paramref name="after"/> used since <paramref name="before"/>; a thread that ended in between is not counted.</summary>
    public static TimeSpan Growth(IReadOnlyDictionary<int, TimeSpan> before, IReadOnlyDictionary<int, TimeSpan> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.Aggregate(TimeSpan.Zero, (sum, thread) => sum + thread.Value - before.GetValueOrDefault(thread.Key));
    }

    /// <summary>The machine's busy and total CPU time since boot, summed over its cores (first line of /proc/stat).</summary>
    public static (TimeSpan Busy, TimeSpan Total) OfMachine()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();

        // user nice system idle iowait irq softirq steal (guest time is already inside user).
        var idle = fields[3] + fields[4];
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        return (Seconds(busy), Seconds(busy + idle));
    }

    private sealed record Stat(string Name, int Parent, long Own, long ReapedChildren);

    private static Stat? Read(int processId) => Read($"/proc/{processId}/stat");

    private static Stat? Read(string statPath)
    {
        string line;
        try
        {
            line = File.ReadAllText(statPath);
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so the fields start after the last ')'.
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        var fields = line[(close + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new Stat(line[(open + 1)..close], (int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
