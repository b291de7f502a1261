using System.Diagnostics;
using Npgsql;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Scale;

/// <summary>A piece of background work PostgreSQL ran, seen from its first to its last sample.</summary>
internal sealed record BackgroundWork(string What, TimeSpan From, TimeSpan To);

/// <summary>
/// What else PostgreSQL does while a slice is sent — autovacuum workers and the upkeep's count of a ledger's people,
/// the two pieces of background work that take a core for seconds — sampled from <c>pg_stat_activity</c>, so that
/// a difference between the slice's start and end can be read against them.
/// </summary>
internal static class DatabaseActivity
{
    // The people count is the only statement of the portal with GROUPING SETS (LedgerPeople.PartSql); between its
    // parts its transaction rests idle, the part's statement still shown.
    private const string Sql = """
        SELECT CASE WHEN backend_type = 'autovacuum worker' THEN query ELSE 'people count (upkeep, in parts with rests)' END
        FROM pg_stat_activity
        WHERE pid <> pg_backend_pid()
              AND ((backend_type = 'autovacuum worker' AND state = 'active')
                   OR (backend_type = 'client backend' AND state IN ('active', 'idle in transaction') AND query LIKE '%GROUPING SETS%'))
        """;

    /// <summary>Samples every <paramref name="every"/> until <paramref name="until"/> completes.</summary>
    public static async Task<IReadOnlyList<BackgroundWork>> SampleAsync(string connectionString, Stopwatch clock, TimeSpan every, Task until, CancellationToken cancellationToken)
    {
        var open = new Dictionary<string, (TimeSpan From, TimeSpan To)>(StringComparer.Ordinal);
        var seen = new List<BackgroundWork>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        while (!until.IsCompleted)
        {
            var now = clock.Elapsed;
            var running = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand(Sql, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    running.Add(reader.GetString(0));
                }
            }

            foreach (var what in running)
            {
                open[what] = open.TryGetValue(what, out var span) ? (span.From, now) : (now, now);
            }

            foreach (var ended in open.Keys.Where(k => !running.Contains(k)).ToList())
            {
                seen.Add(new BackgroundWork(ended, open[ended].From, open[ended].To));
                open.Remove(ended);
            }

            await Task.WhenAny(until, Task.Delay(every, cancellationToken));
        }

        seen.AddRange(open.Select(o => new BackgroundWork(o.Key, o.Value.From, o.Value.To)));
        return seen.OrderBy(w => w.From).ToList();
    }

    public static void Report(string heading, IReadOnlyList<BackgroundWork> work)
    {
        Console.WriteLine(work.Count == 0
            ? $"{heading} none seen"
            : heading + string.Concat(work.Select(w => Invariant($"{Environment.NewLine}    {w.From.TotalSeconds,6:N1}–{w.To.TotalSeconds,6:N1} s  {w.What}"))));
    }
}
