using System.Diagnostics;
using System.Text.Json;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Dispatch;
using BreachPortal.Web.Notifications.Ledger;
using Npgsql;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Scale;

/// <summary>One look at a claim's scan of a campaign's due emails: when, how long PostgreSQL took, the buffers it touched.</summary>
internal sealed record ClaimScan(TimeSpan At, double Milliseconds, long Buffers);

/// <summary>
/// What the claim's own scan of the due rows costs while a slice is sent (<see cref="MessageLeases.DueSql"/>, one
/// batch, through EXPLAIN ANALYZE): the buffers it touches do not depend on how busy the cores are, so they say
/// whether the ledger's sent rows make claims dearer as a campaign goes on, where the send rate of a few seconds
/// also moves with everything else the machine does.
/// </summary>
internal static class ClaimScans
{
    private static readonly string Sql = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + MessageLeases.DueSql("campaign_id = $4");

    /// <summary>Samples every <paramref name="every"/> until <paramref name="until"/> completes.</summary>
    public static async Task<IReadOnlyList<ClaimScan>> SampleAsync(
        string connectionString, int campaign, Stopwatch clock, TimeSpan every, Task until, CancellationToken cancellationToken)
    {
        var scans = new List<ClaimScan>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        while (!until.IsCompleted)
        {
            var at = clock.Elapsed;
            await using (var command = new NpgsqlCommand(Sql, connection))
            {
                command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)MessageChannel.Email });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.UtcNow });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = new DispatcherOptions().BatchSize });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = campaign });
                using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
                var root = plan.RootElement[0];
                var top = root.GetProperty("Plan");
                scans.Add(new ClaimScan(
                    at, root.GetProperty("Execution Time").GetDouble(), top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64()));
            }

            await Task.WhenAny(until, Task.Delay(every, cancellationToken));
        }

        return scans;
    }

    /// <summary>The median scan of each fifth of the slice (the scans from its start to the next fifth's).</summary>
    public static IReadOnlyList<(double Milliseconds, double Buffers)> PerFifth(IReadOnlyList<ClaimScan> scans, IReadOnlyList<TimeSpan> fifthsFrom, TimeSpan sliceEnd) =>
        [.. fifthsFrom.Select((from, i) =>
        {
            var to = i + 1 < fifthsFrom.Count ? fifthsFrom[i + 1] : sliceEnd;
            var within = scans.Where(s => s.At >= from && s.At < to).ToList();
            return within.Count == 0 ? (double.NaN, double.NaN) : (Median(within.Select(s => s.Milliseconds)), Median(within.Select(s => (double)s.Buffers)));
        })];

    public static void Report(string heading, IReadOnlyList<(double Milliseconds, double Buffers)> fifths) =>
        Console.WriteLine(heading + string.Join(", ", fifths.Select(f => Invariant($"{f.Milliseconds:N2} ms / {f.Buffers:N0} buffers")))
            + Invariant($" ({fifths[^1].Milliseconds / fifths[0].Milliseconds - 1:+0 %;-0 %} time, {fifths[^1].Buffers / fifths[0].Buffers - 1:+0 %;-0 %} buffers, end against start)"));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
