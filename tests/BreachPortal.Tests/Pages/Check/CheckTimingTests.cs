using System.Diagnostics;
using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;

namespace BreachPortal.Tests.Pages.Check;

/// <summary>The answer to /check takes the same time whether or not the contact is on file.</summary>
public sealed class CheckTimingTests(CheckApp app) : IClassFixture<CheckApp>
{
    private const int Rounds = 200;
    private const double MaxMedianGapMs = 5;

    [Fact]
    public async Task Check_TakesTheSameTime_ForKnownAndUnknownContacts()
    {
        var known = await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 20);
        using var visitor = new CheckVisitor(app.Factory);
        var token = await visitor.TokenAsync();
        for (var i = 0; i < 50; i++)
        {
            await AskAsync(visitor, token, i % 2 == 0 ? known[i % known.Count].Email! : Unknown(i));
        }

        var knownTimes = new List<double>(Rounds);
        var unknownTimes = new List<double>(Rounds);
        for (var i = 0; i < Rounds; i++)
        {
            // Alternating, so that whatever else the machine does weighs on both alike.
            knownTimes.Add(await AskAsync(visitor, token, i % 4 == 0 ? CheckIncidents.National(known[i % known.Count].Phone!) : known[i % known.Count].Email!));
            unknownTimes.Add(await AskAsync(visitor, token, i % 4 == 0 ? $"07 {i % 100:D2} 00 00 00" : Unknown(i)));
        }

        var gap = Math.Abs(Median(knownTimes) - Median(unknownTimes));
        TestContext.Current.TestOutputHelper?.WriteLine($"Median known {Median(knownTimes):F3} ms, unknown {Median(unknownTimes):F3} ms.");
        Assert.True(gap < MaxMedianGapMs, $"Median known {Median(knownTimes):F2} ms, unknown {Median(unknownTimes):F2} ms: {gap:F2} ms apart.");
    }

    private static string Unknown(int i) => $"inconnu.{i}.{Guid.NewGuid():N}@example.fr";

    private static async Task<double> AskAsync(CheckVisitor visitor, string token, string contact)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await FormPage.PostAsync(visitor.Client, "/check", token, new Dictionary<string, string> { ["Input.Contact"] = contact });
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
