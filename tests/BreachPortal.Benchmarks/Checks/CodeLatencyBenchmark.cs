using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Benchmarks.Notifications;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Demo;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.Synthetic;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Checks;

/// <summary>
/// How long a citizen waits for a one-time code: from the start of <c>POST /check</c> until the message is complete
/// at the loopback SMTP server or SMS gateway (both in this process, on the same clock), one check at a time, on a
/// node that serves the pages and dispatches, as the demo runs. Three phases: quiet machine, one core taken by a busy
/// loop, and while a campaign sends to another incident's people. The reference is the time the page itself takes
/// to answer the same posts: the code's median over that is the ratio.
/// </summary>
internal static class CodeLatencyBenchmark
{
    public const string Usage = "codes [--samples N] [--campaign-people P] [--keep]";

    private const int DefaultSamples = 100;
    private const long DefaultCampaignPeople = 20_000;
    private const int WarmUpSamples = 10;
    private const int CampaignRate = 200;
    private const string CodeDomain = "codes.example.test";
    private const string ReceiptSecret = "benchmark-receipt-secret-0123456789abcdef";
    private static readonly TimeSpan ArrivalCeiling = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (Parse(arguments) is not { } options)
        {
            return await BenchmarkRun.UsageErrorAsync(Usage, $"defaults: --samples {DefaultSamples} per phase, --campaign-people {DefaultCampaignPeople}");
        }

        await using var run = BenchmarkRun.Start(options.Keep);
        var work = run.Work;
        var postgres = await run.StartPostgresAsync(cancellationToken);
        var checkers = WarmUpSamples + (3 * options.Samples);
        var emails = 0L;
        var database = await PrepareAsync(postgres, work, options.CampaignPeople, checkers, cancellationToken);

        await using var smtp = new TestSmtpServer(pipelining: true) { RecordMessages = false };
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: cancellationToken);
        gateway.RecordMessages = false;
        var arrivals = new Arrivals();
        smtp.OnMessage = (recipients, timestamp) =>
        {
            Interlocked.Increment(ref emails);
            foreach (var recipient in recipients)
            {
                arrivals.Arrived(recipient.ToLowerInvariant(), timestamp);
            }
        };
        gateway.OnAccepted = sms => arrivals.Arrived(sms.To, Stopwatch.GetTimestamp());
        Note($"SMTP server on 127.0.0.1:{smtp.Port} and SMS gateway on {gateway.BaseUrl} (this process, one clock)");

        var environment = new Dictionary<string, string?>(database.Environment, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Notifications__Dispatcher__Enabled"] = "true",
            ["Checks__RateLimits__Enabled"] = "false",
            ["Email__Transport"] = "Smtp",
            ["Email__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__StartTls"] = "false",
            ["Sms__Transport"] = "Gateway",
            ["Sms__Gateway__BaseUrl"] = gateway.BaseUrl,
            ["Sms__Gateway__Token"] = gateway.Token,
            ["Sms__Gateway__From"] = "AGENCE",
            ["Sms__Gateway__ReceiptSecret"] = ReceiptSecret,
            ["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning",
        };
        await using var node = PortalNode.Start(environment);
        var address = await node.ListeningAsync(TimeSpan.FromMinutes(1), cancellationToken);
        Note($"portal node on {address} (Production, pages and dispatcher in one process, rate limits lifted)");

        using var client = new HttpClient { BaseAddress = address, Timeout = ArrivalCeiling };
        var form = await CheckBenchmark.FormAsync(client, "/check", CheckBenchmark.CheckField, cancellationToken);
        var sampler = new Sampler(client, form, arrivals, node);
        var contacts = new Queue<Contact>(Enumerable.Range(0, checkers).Select(Contact.Of));

        Note(Invariant($"warm-up: {WarmUpSamples} checks"));
        await sampler.RunAsync("warm-up", contacts, WarmUpSamples, cancellationToken);

        var phases = new List<Phase>();
        Note(Invariant($"timing: quiet machine, {options.Samples} checks one after the other"));
        phases.Add(await sampler.RunAsync("quiet", contacts, options.Samples, cancellationToken));

        Note(Invariant($"timing: one core taken by a busy loop, {options.Samples} checks"));
        using (var hog = Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })
            ?? throw new BenchmarkFailedException("the busy loop did not start."))
        {
            try
            {
                phases.Add(await sampler.RunAsync("busy core", contacts, options.Samples, cancellationToken));
            }
            finally
            {
                hog.Kill(entireProcessTree: true);
                await hog.WaitForExitAsync(CancellationToken.None);
            }
        }

        phases.Add(await DuringCampaignAsync(postgres, database, () => Interlocked.Read(ref emails) + gateway.Accepted, sampler, contacts, options, cancellationToken));

        Report(phases);
        var all = phases.SelectMany(p => p.Samples).ToList();
        var codeMedian = Percentile(all.Select(s => s.Arrival), 0.5);
        var postMedian = Percentile(all.Select(s => s.Answer), 0.5);
        run.KeepIfAsked(database.Name);
        Console.WriteLine(Invariant(
            $"RESULT name=codes median_ms={codeMedian.TotalMilliseconds:F0} p95_ms={Percentile(all.Select(s => s.Arrival), 0.95).TotalMilliseconds:F0} worst_ms={all.Max(s => s.Arrival).TotalMilliseconds:F0} ratio={codeMedian / postMedian:F1}"));
        return Benchmark.Success;
    }

    private sealed record Options(int Samples, long CampaignPeople, bool Keep);

    private sealed record Sample(string Channel, TimeSpan Answer, TimeSpan Arrival);

    private sealed record Phase(string Name, IReadOnlyList<Sample> Samples, string? Note = null);

    /// <summary>
    /// Someone who checks: an address at a domain no campaign writes to, or a mobile number in 07 00, which the
    /// synthetic generator never draws, so that the only message to it is its code. Even ones by email, odd by SMS.
    /// </summary>
    private sealed record Contact(string Typed, string Key, string Channel)
    {
        public static Contact Of(int index) => index % 2 == 0
            ? new(Invariant($"code.{index}@{CodeDomain}"), Invariant($"code.{index}@{CodeDomain}"), "email")
            : new(Invariant($"070{index:D7}"), Invariant($"+3370{index:D7}"), "SMS");
    }

    /// <summary>The moment each awaited recipient's message arrived; others (the campaign's) are ignored.</summary>
    private sealed class Arrivals
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _awaited = new(StringComparer.Ordinal);

        public Task<long> Await(string key) =>
            _awaited.GetOrAdd(key, static _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Arrived(string recipient, long timestamp)
        {
            if (_awaited.TryGetValue(recipient, out var arrival))
            {
                arrival.TrySetResult(timestamp);
            }
        }
    }

    private sealed class Sampler(HttpClient client, CheckBenchmark.Form form, Arrivals arrivals, PortalNode node)
    {
        public async Task<Phase> RunAsync(string name, Queue<Contact> contacts, int count, CancellationToken cancellationToken)
        {
            var samples = new List<Sample>(count);
            for (var i = 0; i < count; i++)
            {
                samples.Add(await OneAsync(contacts.Dequeue(), cancellationToken));
            }

            return new Phase(name, samples);
        }

        private async Task<Sample> OneAsync(Contact contact, CancellationToken cancellationToken)
        {
            var arrival = arrivals.Await(contact.Key);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/check", UriKind.Relative))
            {
                Content = new StringContent(form.Body(CheckBenchmark.CheckField, contact.Typed), Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Add("Cookie", form.Cookie);
            var start = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, cancellationToken);
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            var answered = Stopwatch.GetElapsedTime(start);
            if (response.StatusCode != HttpStatusCode.OK || html.Contains(CheckBenchmark.ErrorMarker, StringComparison.Ordinal))
            {
                throw new BenchmarkFailedException($"POST /check answered {(int)response.StatusCode}{(html.Contains(CheckBenchmark.ErrorMarker, StringComparison.Ordinal) ? " with the form in error" : "")}.");
            }

            try
            {
                var arrived = await arrival.WaitAsync(ArrivalCeiling, cancellationToken);
                return new Sample(contact.Channel, answered, Stopwatch.GetElapsedTime(start, arrived));
            }
            catch (TimeoutException)
            {
                throw new BenchmarkFailedException(Invariant($"no code reached the {contact.Channel} server within {ArrivalCeiling.TotalSeconds:N0} s: {node.LastLines}"));
            }
        }
    }

    /// <summary>The same checks while a campaign to the other incident's people sends by email and SMS at <see cref="CampaignRate"/>/s each.</summary>
    private static async Task<Phase> DuringCampaignAsync(
        BenchmarkPostgres postgres, PortalDatabase database, Func<long> delivered, Sampler sampler, Queue<Contact> contacts, Options options, CancellationToken cancellationToken)
    {
        var rate = CampaignRate.ToString(CultureInfo.InvariantCulture);
        var campaign = await NotificationCampaign.StartCampaignAsync(
            postgres,
            database,
            "Benchmark codes",
            ["--policy", "both", "--emails-per-second", rate, "--sms-per-second", rate, "--sms-window", "00:00-23:59"],
            options.CampaignPeople,
            cancellationToken);
        var before = delivered();
        var started = Stopwatch.StartNew();
        while (delivered() == before)
        {
            if (started.Elapsed > ArrivalCeiling)
            {
                throw new BenchmarkFailedException(Invariant($"campaign {campaign.Id} sent nothing within {ArrivalCeiling.TotalSeconds:N0} s ({campaign.Status})."));
            }

            await Task.Delay(50, cancellationToken);
        }

        Note(Invariant($"timing: campaign {campaign.Id} sending ({campaign.Ledger:N0} messages, {CampaignRate}/s by email and by SMS), {options.Samples} checks"));
        var during = Stopwatch.StartNew();
        var sentBefore = delivered();
        var phase = await sampler.RunAsync("during campaign", contacts, options.Samples, cancellationToken);
        var sent = delivered() - sentBefore - phase.Samples.Count;
        var stillSending = delivered() - before < campaign.Ledger;
        return phase with
        {
            Note = Invariant($"campaign sent {sent:N0} messages meanwhile ({sent / during.Elapsed.TotalSeconds:N0}/s){(stillSending ? "" : "; it had finished before the last check")}"),
        };
    }

    private static async Task<PortalDatabase> PrepareAsync(BenchmarkPostgres postgres, string work, long campaignPeople, int checkers, CancellationToken cancellationToken)
    {
        Note("migrating, seeding the incidents and creating two Operators with the portal's own verbs (Release build)");
        var database = await PortalSetup.CreateDatabaseAsync(postgres, "bp_codes", cancellationToken);
        await NotificationCampaign.AddOperatorsAsync(postgres, database, cancellationToken);

        var campaignExtract = Path.Combine(work, "campaign.csv");
        SyntheticRegistrySummary summary;
        await using (var file = new FileStream(campaignExtract, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            summary = await SyntheticRegistry.WriteAsync(file, new SyntheticRegistryOptions { People = campaignPeople }, cancellationToken);
        }

        await PortalSetup.ImportAsync(
            database, NotificationCampaign.Incident, campaignExtract, campaignPeople, Invariant($"imported={summary.GoodRows} rejected=0 duplicates=0"), cancellationToken);

        // People of another extract (another seed), each given the one contact the benchmark checks.
        var checkExtract = Path.Combine(work, "checkers.csv");
        var people = SyntheticRegistry.People(new SyntheticRegistryOptions { People = checkers, Seed = SyntheticRegistryOptions.DefaultSeed + 1 })
            .Select((person, index) => Contact.Of(index) is var contact && contact.Channel == "email"
                ? person with { Email = contact.Typed, Phone = null }
                : person with { Email = null, Phone = contact.Typed });
        var written = await ReachableExtract.WritePeopleAsync(checkExtract, people, checkers, cancellationToken);
        if (written != checkers || PhoneNumber.Normalize(Contact.Of(1).Typed) is not { IsValid: true } mobile || !PhoneNumber.IsMobile(mobile.Value!))
        {
            throw new BenchmarkFailedException("the checkers' extract is not what the benchmark needs (count, or 07 00 numbers not taken as mobiles).");
        }

        await PortalSetup.ImportAsync(
            database, DemoIncidents.PoleEmploi2023, checkExtract, checkers, Invariant($"imported={checkers} rejected=0 duplicates=0"), cancellationToken);
        return database;
    }

    private static void Report(IReadOnlyList<Phase> phases)
    {
        Console.WriteLine();
        Console.WriteLine("code arrival after POST /check (ms)   samples  median     p95   worst   page answer median");
        foreach (var phase in phases)
        {
            foreach (var channel in new[] { "email", "SMS" })
            {
                var samples = phase.Samples.Where(s => s.Channel == channel).ToList();
                Console.WriteLine(Invariant(
                    $"{phase.Name,-16} {channel,-20} {samples.Count,8} {Ms(Percentile(samples.Select(s => s.Arrival), 0.5)),7} {Ms(Percentile(samples.Select(s => s.Arrival), 0.95)),7} {Ms(samples.Max(s => s.Arrival)),7} {Ms(Percentile(samples.Select(s => s.Answer), 0.5)),20}"));
            }

            if (phase.Note is { } note)
            {
                Console.WriteLine($"{"",-16} {note}");
            }
        }

        static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
    }

    private static TimeSpan Percentile(IEnumerable<TimeSpan> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }

    private static Options? Parse(IReadOnlyList<string> arguments)
    {
        var given = new BenchmarkArguments(arguments);
        var options = new Options((int)given.Whole("--samples", DefaultSamples, 1, 10_000), given.Whole("--campaign-people", DefaultCampaignPeople, 1_000, 10_000_000), given.Flag("--keep"));
        return given.Understood ? options : null;
    }

    private static void Note(string message) => Console.WriteLine(message);
}
