using System.Net;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Scale;

/// <summary>A staff page to time, and a piece of text its normal answer always holds (a page in error would be fast).</summary>
internal sealed record TimedPage(string Name, string Path, string Expected);

/// <summary>The latencies of one page: p50 and p95 over the samples taken.</summary>
internal sealed record PageLatency(TimedPage Page, IReadOnlyList<TimeSpan> Samples)
{
    public double P50Ms => Percentile(0.50);

    public double P95Ms => Percentile(0.95);

    public double MaxMs => Samples.Max().TotalMilliseconds;

    // Nearest rank: with 20 samples p95 is the 19th, with fewer it tends to the worst one.
    private double Percentile(double p)
    {
        var sorted = Samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)].TotalMilliseconds;
    }
}

/// <summary>
/// Times staff pages one request at a time, in turn (one staff member clicking, not a load), each until it has
/// its samples or its share of the time allowed — a page that takes seconds at tens of millions of rows still gets
/// a few samples, and the run ends. Each page is opened once before it is timed (<see cref="OpenOnceAsync"/>).
/// </summary>
internal static class PageTimings
{
    /// <summary>
    /// Opens each page once, untimed: that first answer compiles its view and, for the Art. 34 evidence of a ledger
    /// never counted, counts its people once (what the upkeep of a running portal has done long before).
    /// </summary>
    public static async Task OpenOnceAsync(StaffSession session, IReadOnlyList<TimedPage> pages, CancellationToken cancellationToken)
    {
        foreach (var page in pages)
        {
            await AnswerAsync(session, page, cancellationToken);
        }
    }

    /// <summary>
    /// Times the pages, opened once before (<see cref="OpenOnceAsync"/>), until each has its samples and
    /// <paramref name="until"/> is over: the staff member's load on the machine is then the same all along it.
    /// </summary>
    public static async Task<IReadOnlyList<PageLatency>> SampleAsync(
        StaffSession session, IReadOnlyList<TimedPage> pages, int samples, TimeSpan perPage, Task until, Func<bool> keepGoing, CancellationToken cancellationToken)
    {
        var taken = pages.ToDictionary(p => p, _ => new List<TimeSpan>());
        var spent = pages.ToDictionary(p => p, _ => TimeSpan.Zero);
        bool Wanted(TimedPage page) => !until.IsCompleted || (taken[page].Count < samples && (taken[page].Count < 2 || spent[page] < perPage));
        while (pages.Any(Wanted) && keepGoing())
        {
            foreach (var page in pages.Where(Wanted))
            {
                var answer = await AnswerAsync(session, page, cancellationToken);
                taken[page].Add(answer.Elapsed);
                spent[page] += answer.Elapsed;
            }
        }

        return [.. pages.Where(p => taken[p].Count > 0).Select(p => new PageLatency(p, taken[p]))];
    }

    private static async Task<StaffPage> AnswerAsync(StaffSession session, TimedPage page, CancellationToken cancellationToken)
    {
        var answer = await session.GetAsync(page.Path, cancellationToken);
        return answer.Status == HttpStatusCode.OK && answer.Body.Contains(page.Expected, StringComparison.Ordinal)
            ? answer
            : throw new BenchmarkFailedException(
                Invariant($"{page.Name} ({page.Path}) answered {(int)answer.Status} {answer.ContentType} without \"{page.Expected}\": {Excerpt(answer.Body)}"));
    }

    public static void Report(string heading, IReadOnlyList<PageLatency> latencies)
    {
        Console.WriteLine(heading);
        foreach (var latency in latencies)
        {
            Console.WriteLine(Invariant($"  {latency.Page.Name,-34} p50 {latency.P50Ms,8:N0} ms  p95 {latency.P95Ms,8:N0} ms  max {latency.MaxMs,8:N0} ms  ({latency.Samples.Count} requests)"));
        }
    }

    private static string Excerpt(string body)
    {
        var text = string.Join(' ', body.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 400 ? text[..400] + "…" : text;
    }
}
