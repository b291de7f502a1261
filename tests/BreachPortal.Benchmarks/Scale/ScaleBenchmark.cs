using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BreachPortal.Benchmarks.Checks;
using BreachPortal.Benchmarks.Import;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Benchmarks.Notifications;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Synthetic;
using Npgsql;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Scale;

/// <summary>
/// National scale in one run (issue #19): a registry of N people imported with the portal's verb, a campaign to all
/// of them by email and SMS launched (its ledger written), a slice of it sent by one sending node to the loopback
/// SMTP sink and SMS gateway while a staff member opens every page that shows figures over the incident, then the
/// citizen pages under load against that registry, the database's size per person and the portal's peak memory.
/// </summary>
internal static partial class ScaleBenchmark
{
    public const string Usage = "scale [--people N] [--slice M] [--samples S] [--duration S] [--keep]";

    private const long DefaultPeople = 1_000_000;
    private const long DefaultSlice = 100_000;
    private const int DefaultSamples = 20;
    private const int DefaultSeconds = 10;
    private const int CheckConnections = 64;
    private const string Viewer = "bench.viewer@example.test";
    private const string Incident = NotificationCampaign.Incident;
    private const string OtherIncident = "PE-2023-08";
    private const int OtherRate = 100;
    private static readonly TimeSpan PerPage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// On a sending node whose cores are busy (PostgreSQL beside it) the JIT's background recompilation starves and a
    /// new node sent at about half its rate for its first half-minute (at 1 M: first fifth of the slice 3,814/s against
    /// 5,820/s without tiers). Web nodes keep tiered compilation: its profile-guided code makes a check three times
    /// cheaper (243 against 672 µs of CPU).
    /// </summary>
    private static readonly (string Key, string Value) SendingNodeRuntime = ("DOTNET_TieredCompilation", "0");

    private static readonly TimedPage[] LightPages =
        [new("staff home", "/staff", "fr-header"), new("campaign list", "/staff/campaigns", "fr-table"), new("authority record list", "/staff/authority", "fr-header")];

    // What the two channels' rates and window must be for the campaign to send as fast as the node can, at any hour.
    private static readonly string[] Policy =
        ["--policy", "both", "--emails-per-second", "100000", "--sms-per-second", "100000", "--sms-window", "00:00-23:59"];

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (Parse(arguments) is not { } options)
        {
            return await BenchmarkRun.UsageErrorAsync(Usage, $"defaults: --people {DefaultPeople} --slice {DefaultSlice} --samples {DefaultSamples} --duration {DefaultSeconds}");
        }

        if (!await EmailBenchmark.PostfixToolsPresentAsync() || !await WrkLoad.PresentAsync("scale"))
        {
            return Benchmark.Failure;
        }

        await using var run = BenchmarkRun.Start(options.Keep);
        var postgres = await run.StartPostgresAsync(cancellationToken);
        Note("migrating, seeding the incidents and creating the staff accounts with the portal's own verbs (Release build)");
        var database = await PortalSetup.CreateDatabaseAsync(postgres, "bp_scale", cancellationToken);
        await NotificationCampaign.AddOperatorsAsync(postgres, database, cancellationToken);
        var enrolment = await ViewerAsync(postgres, database, cancellationToken);

        var import = await ImportAsync(postgres, database, run.Work, options.People, cancellationToken);
        var draft = await DraftAsync(database, cancellationToken);

        await using var web = PortalNode.Start(new Dictionary<string, string?>(database.Environment, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Notifications__Dispatcher__Enabled"] = "false",
            ["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning",
        });
        var address = await web.ListeningAsync(TimeSpan.FromMinutes(1), cancellationToken);
        using var staff = await StaffSession.EnrolAsync(address, enrolment, cancellationToken);
        Note($"staff web node on {address} (Production, dispatcher off); a CNIL liaison and Operator signed in through enrolment");

        var launch = await LaunchAsync(postgres, database, staff, run.Work, options.People, cancellationToken);
        if (launch.Messages < 2 * (options.Slice + WarmUp(options.Slice)))
        {
            throw new BenchmarkFailedException(Invariant($"the campaign holds {launch.Messages:N0} messages, fewer than two slices of {options.Slice:N0} and their warm-ups: give a smaller --slice."));
        }

        // Autovacuum goes through a new ledger once after its launch (visibility map, statistics): done here, timed,
        // so that the slice's start and end compare the claims alone, not a vacuum running beside the first seconds.
        var vacuuming = Stopwatch.StartNew();
        await postgres.ExecuteAsync(database.Name, "VACUUM (ANALYZE) messages", cancellationToken);
        var vacuum = vacuuming.Elapsed;
        var slice = await SendSliceAsync(postgres, database, staff, launch.Id, FigurePages(launch.Id, draft), nodes: 1, options, cancellationToken);
        var twoNodes = await SendSliceAsync(postgres, database, staff, launch.Id, [], nodes: 2, options, cancellationToken);
        var webPeak = web.PeakMiB;
        await web.DisposeAsync();

        var check = await CheckBenchmark.MeasureAsync(
            postgres, database, launch.Id, run.Work, new CheckBenchmark.Options(options.People, options.Duration, CheckConnections, options.Keep), cancellationToken);
        var size = await SizeAsync(database.ConnectionString, cancellationToken);

        var worst = slice.Pages.MaxBy(p => p.P95Ms)!;
        var bytesPerPerson = size.Registry / (double)options.People;
        Console.WriteLine();
        Console.WriteLine(Invariant($"people          {options.People:N0} (synthetic extract, imported with the import verb: {import.Elapsed.TotalSeconds:N1} s, {options.People / import.Elapsed.TotalSeconds:N0} rows/s, peak RSS {import.PeakMiB:N0} MB)"));
        Console.WriteLine(Invariant($"launch          {launch.Elapsed.TotalSeconds:N1} s for {launch.Messages:N0} messages ({launch.Messages / launch.Elapsed.TotalSeconds:N0} rows/s; campaign-start as a process)"));
        PageTimings.Report("  pages during the launch (staff web node):", launch.Pages);
        Console.WriteLine(Invariant($"  other campaign {launch.Other.Sent:N0} emails of another incident's campaign sent during the launch by one sending node, {launch.Other.Rate:N1}/s against its set {OtherRate}/s (node peak RSS {launch.Other.NodePeakMiB:N0} MB)"));
        Console.WriteLine(Invariant($"vacuum          {vacuum.TotalSeconds:N1} s for VACUUM (ANALYZE) of messages after the launch (autovacuum's first pass over the new ledger)"));
        Console.WriteLine(Invariant($"send slice      {slice.Messages:N0} messages (email + SMS) in {slice.Elapsed.TotalSeconds:N1} s from the node's start (warm-up included); {slice.Rate:N0}/s after a warm-up of {WarmUp(options.Slice):N0}, over its first fifth {slice.StartRate:N0}/s, over its last fifth {slice.EndRate:N0}/s ({slice.EndRate / slice.StartRate - 1:+0.0 %;-0.0 %} end against start); sending node peak RSS {slice.NodePeakMiB:N0} MB, reached {slice.NodePeakAt.TotalSeconds:N0} s after its start"));
        Console.WriteLine("  its fifths    " + string.Join(", ", slice.Fifths.Select(f => Invariant($"{f.Rate:N0}/s from {f.From.TotalSeconds:N1} s"))));
        ClaimScans.Report("  its claims    median scan of the due emails (one batch) per fifth: ", slice.Claims);
        DatabaseActivity.Report("  PostgreSQL's background work meanwhile (from the node's start):", slice.Background);
        PageTimings.Report("staff pages while the dispatcher sends:", slice.Pages);
        Console.WriteLine(Invariant($"two nodes       the next {twoNodes.Messages:N0} messages by two sending nodes on the same database: {twoNodes.Rate:N0}/s after their warm-up ({twoNodes.Rate / slice.Rate:P0} of one node's rate; both nodes and PostgreSQL share the same 2 cores here), peak RSS {twoNodes.NodePeakMiB:N0} MB per node"));
        Console.WriteLine(Invariant($"check           {check.Check.Load.Rate:N0} req/s, p50 {check.Check.Load.P50Ms:N2} ms, p99 {check.Check.Load.P99Ms:N2} ms"));
        Console.WriteLine(Invariant($"verify          {check.Verify.Load.Rate:N0} req/s, p50 {check.Verify.Load.P50Ms:N2} ms, p99 {check.Verify.Load.P99Ms:N2} ms (plain GET /health/live {check.Plain.Load.Rate:N0} req/s)"));
        Console.WriteLine(Invariant($"database        {MiB(size.Database):N0} MiB in all; people {MiB(size.People):N0} MiB, exposures {MiB(size.Exposures):N0} MiB, messages {MiB(size.Messages):N0} MiB (tables and indexes)"));
        Console.WriteLine(Invariant($"  per person    {bytesPerPerson:N0} bytes of registry (people + exposures), {size.Messages / (double)options.People:N0} bytes of ledger"));
        Console.WriteLine(Invariant($"portal memory   peak RSS: staff web node {webPeak:N0} MB, sending node {slice.NodePeakMiB:N0} MB, check node {check.PeakMiB:N0} MB, import {import.PeakMiB:N0} MB"));
        Console.WriteLine(Invariant($"worst page      {worst.Page.Name}: p95 {worst.P95Ms:N0} ms (target under 1,000 ms at 10 M)"));
        run.KeepIfAsked(database.Name);
        Console.WriteLine(Invariant(
            $"RESULT name=scale people={options.People} launch_s={launch.Elapsed.TotalSeconds:F1} other_rate={launch.Other.Rate:F1} send_rate={slice.Rate:F0} send_end_vs_start={slice.EndRate / slice.StartRate:F3} claim_end_vs_start={slice.Claims[^1].Milliseconds / slice.Claims[0].Milliseconds:F3} worst_page_p95_ms={worst.P95Ms:F0} check_p99_ms={check.Check.Load.P99Ms:F2} bytes_per_person={bytesPerPerson:F0}"));
        return Benchmark.Success;
    }

    private sealed record Options(long People, long Slice, int Samples, TimeSpan Duration, bool Keep);

    private sealed record Launch(int Id, long Messages, TimeSpan Elapsed, IReadOnlyList<PageLatency> Pages, OtherSending Other);

    /// <summary>What the other incident's campaign sent during the launch.</summary>
    /// <param name="Sent">Emails the sink received while the launch ran.</param>
    /// <param name="Rate">From its first email to its last one during the launch.</param>
    /// <param name="NodePeakMiB">The sending node's VmHWM.</param>
    private sealed record OtherSending(long Sent, double Rate, double NodePeakMiB)
    {
        public static OtherSending From(List<(TimeSpan At, long Count)> samples, long messages, double peak)
        {
            var firstIndex = samples.FindIndex(s => s.Count > 0);
            if (firstIndex < 0)
            {
                return new OtherSending(0, 0, peak);
            }

            var finished = samples.FindIndex(s => s.Count >= messages);
            var (first, last) = (samples[firstIndex], samples[finished < 0 ? samples.Count - 1 : finished]);
            var rate = last.At > first.At ? (last.Count - first.Count) / (last.At - first.At).TotalSeconds : 0;
            return new OtherSending(samples[^1].Count, rate, peak);
        }
    }

    /// <param name="Messages">The slice, after the node's warm-up (<see cref="WarmUp"/> messages).</param>
    /// <param name="Elapsed">From the node's start (process, host, first claims and connections) to the slice's last message.</param>
    /// <param name="Rate">Over the whole slice.</param>
    /// <param name="NodePeakMiB">The sending node's VmHWM (the larger of two nodes').</param>
    /// <param name="NodePeakAt">When it was reached, from the node's start.</param>
    /// <param name="Pages">The staff pages timed meanwhile.</param>
    /// <param name="Fifths">Each fifth of the slice: when it began (from the node's start) and its rate.</param>
    /// <param name="Background">What else PostgreSQL ran meanwhile.</param>
    /// <param name="Claims">The claim's scan of the due emails in each fifth (<see cref="ClaimScans"/>).</param>
    private sealed record Slice(
        long Messages, TimeSpan Elapsed, double Rate, double NodePeakMiB, TimeSpan NodePeakAt, IReadOnlyList<PageLatency> Pages,
        IReadOnlyList<(TimeSpan From, double Rate)> Fifths, IReadOnlyList<BackgroundWork> Background, IReadOnlyList<(double Milliseconds, double Buffers)> Claims)
    {
        /// <summary>Over its first fifth.</summary>
        public double StartRate => Fifths[0].Rate;

        /// <summary>Over its last fifth.</summary>
        public double EndRate => Fifths[^1].Rate;
    }

    private sealed record Sizes(long Database, long People, long Exposures, long Messages)
    {
        public long Registry => People + Exposures;
    }

    /// <summary>A staff account for the pages: create-admin's link, and the CNIL liaison and Operator roles besides.</summary>
    private static async Task<string> ViewerAsync(BenchmarkPostgres postgres, PortalDatabase database, CancellationToken cancellationToken)
    {
        var created = await PortalSetup.VerbAsync(database.Environment, TimeSpan.FromMinutes(2), cancellationToken, "create-admin", "--email", Viewer);
        await postgres.ExecuteAsync(
            database.Name,
            $"""
            INSERT INTO staff_user_roles (user_id, role_id)
            SELECT u.id, r.id FROM staff_users u CROSS JOIN staff_roles r
            WHERE lower(u.email) = '{Viewer}' AND r.name IN ('Operator', 'CnilLiaison')
            """,
            cancellationToken);
        return created.LastLine;
    }

    private static async Task<ImportBenchmark.ImportRun> ImportAsync(BenchmarkPostgres postgres, PortalDatabase database, string work, long people, CancellationToken cancellationToken)
    {
        var extract = Path.Combine(work, "extract.csv");
        var generating = Stopwatch.StartNew();
        SyntheticRegistrySummary summary;
        await using (var file = new FileStream(extract, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            summary = await SyntheticRegistry.WriteAsync(file, new SyntheticRegistryOptions { People = people }, cancellationToken);
        }

        Note(Invariant($"synthetic extract of {people:N0} people (no broken row) written in {generating.Elapsed.TotalSeconds:N1} s; the registry is built by the import verb"));
        var import = await ImportBenchmark.ImportAsync(
            postgres, database.Environment, extract, people, Invariant($"imported={summary.GoodRows} rejected=0 duplicates=0"), cancellationToken);
        File.Delete(extract);
        return import;
    }

    /// <summary>A campaign left as a draft: its page counts the audience from the registry on every view.</summary>
    private static async Task<int> DraftAsync(PortalDatabase database, CancellationToken cancellationToken)
    {
        var created = await PortalSetup.VerbAsync(
            database.Environment, TimeSpan.FromMinutes(2), cancellationToken, ["campaign-create", "--incident", Incident, "--name", "Scale draft", "--by", "bench.creator@example.test", .. Policy]);
        return CreatedCampaign().Match(created.LastLine) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new BenchmarkFailedException($"campaign-create said '{created.LastLine}'.");
    }

    /// <summary>
    /// The campaign to everyone, created, approved and launched with campaign-start (timed alone), while the staff
    /// member keeps opening light pages and a sending node sends another campaign at its set rate. The campaign is
    /// paused as soon as it runs, so that the node sends only the other one; it is resumed once its ledger is written,
    /// the other campaign cancelled.
    /// </summary>
    private static async Task<Launch> LaunchAsync(BenchmarkPostgres postgres, PortalDatabase database, StaffSession staff, string work, long people, CancellationToken cancellationToken)
    {
        var other = await OtherCampaignAsync(postgres, database, work, people, cancellationToken);
        await PageTimings.OpenOnceAsync(staff, LightPages, cancellationToken);
        var id = await NotificationCampaign.ApprovedCampaignAsync(database, Incident, "Scale", Policy, cancellationToken);
        var starting = NotificationCampaign.StartApprovedAsync(postgres, database, id, people, cancellationToken);
        await PauseWhenRunningAsync(database, id, starting, cancellationToken);

        await using var sink = await SmtpSinkServer.StartAsync(cancellationToken: cancellationToken);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: cancellationToken);
        Note(Invariant($"during the launch: a sending node on campaign {other.Id} ({other.Messages:N0} emails at {OtherRate}/s) and the light pages timed"));
        var clock = Stopwatch.StartNew();
        var samples = new List<(TimeSpan At, long Count)>();
        OtherSending sending;
        IReadOnlyList<PageLatency> pages;
        await using (var node = PortalNode.Start(SendingEnvironment(database, sink, gateway)))
        {
            using var stopCounting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var counting = SampleUntilAsync(samples, () => sink.ReceivedCount, clock, starting, stopCounting.Token);
            pages = await PageTimings.SampleAsync(staff, LightPages, samples: 0, PerPage, starting, () => true, cancellationToken);
            await counting;
            if (node.HasExited)
            {
                throw new BenchmarkFailedException($"the sending node stopped during the launch: {node.LastLines}");
            }

            sending = OtherSending.From(samples, other.Messages, node.PeakMiB);
        }

        var (ledger, _, elapsed) = await starting;
        await NotificationCampaign.CampaignVerbAsync(database, "campaign-cancel", other.Id, cancellationToken);
        await NotificationCampaign.CampaignVerbAsync(database, "campaign-start", id, cancellationToken);
        return new Launch(id, ledger, elapsed, pages, sending);
    }

    /// <summary>
    /// Another incident's campaign, email only at <see cref="OtherRate"/> per second, launched before the national
    /// one, with more messages than it can send during that launch.
    /// </summary>
    private static async Task<(int Id, long Messages)> OtherCampaignAsync(BenchmarkPostgres postgres, PortalDatabase database, string work, long people, CancellationToken cancellationToken)
    {
        var size = Math.Max(10_000, people / 100);
        var extract = Path.Combine(work, "other.csv");
        var candidates = SyntheticRegistry.People(new SyntheticRegistryOptions { People = (2 * size) + 1_000, Seed = SyntheticRegistryOptions.DefaultSeed + 1 });
        await ReachableExtract.WritePeopleAsync(extract, candidates.Where(p => p.Email is not null), size, cancellationToken);
        var imported = await PortalSetup.VerbAsync(database.Environment, TimeSpan.FromMinutes(10), cancellationToken, "import", "--incident", OtherIncident, "--file", extract);
        File.Delete(extract);
        if (!imported.LastLine.StartsWith("imported=", StringComparison.Ordinal))
        {
            throw new BenchmarkFailedException($"the import into {OtherIncident} says '{imported.LastLine}'.");
        }

        var id = await NotificationCampaign.ApprovedCampaignAsync(
            database, OtherIncident, "Other incident", ["--policy", "email", "--emails-per-second", OtherRate.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        var (ledger, _, _) = await NotificationCampaign.StartApprovedAsync(postgres, database, id, size, cancellationToken);
        return (id, ledger);
    }

    /// <summary>Waits until campaign-start has made the campaign run, then pauses it (its ledger goes on being written).</summary>
    private static async Task PauseWhenRunningAsync(PortalDatabase database, int campaignId, Task starting, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (await NotificationCampaign.ScalarAsync(database.ConnectionString, "SELECT status FROM campaigns WHERE id = $1", campaignId, cancellationToken)
               != (long)Web.Notifications.Campaigns.CampaignStatus.Running)
        {
            if (starting.IsCompleted || waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                await starting;
                throw new BenchmarkFailedException(Invariant($"campaign {campaignId} did not run within {waited.Elapsed.TotalSeconds:N0} s of campaign-start."));
            }

            await Task.Delay(Poll / 4, cancellationToken);
        }

        await NotificationCampaign.CampaignVerbAsync(database, "campaign-pause", campaignId, cancellationToken);
    }

    /// <summary>Samples a receiver's count until <paramref name="until"/> completes.</summary>
    private static async Task SampleUntilAsync(List<(TimeSpan At, long Count)> samples, Func<long> delivered, Stopwatch clock, Task until, CancellationToken cancellationToken)
    {
        while (!until.IsCompleted)
        {
            samples.Add((clock.Elapsed, delivered()));
            await Task.WhenAny(until, Task.Delay(Poll, cancellationToken));
        }

        samples.Add((clock.Elapsed, delivered()));
    }

    /// <summary>
    /// A sending node's environment: the dispatcher on, email to the sink, SMS to the gateway, and every method
    /// compiled once, fully optimised, as the README advises for sending nodes (see <see cref="SendingNodeRuntime"/>).
    /// </summary>
    private static Dictionary<string, string?> SendingEnvironment(PortalDatabase database, SmtpSinkServer sink, TestSmsGateway gateway) =>
        new(database.Environment, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Notifications__Dispatcher__Enabled"] = "true",
            ["Email__Transport"] = "Smtp",
            ["Email__Smtp__Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__StartTls"] = "false",
            ["Sms__Transport"] = "Gateway",
            ["Sms__Gateway__BaseUrl"] = gateway.BaseUrl,
            ["Sms__Gateway__Token"] = gateway.Token,
            ["Sms__Gateway__From"] = "AGENCE",
            ["Sms__Gateway__ReceiptSecret"] = "benchmark-receipt-secret-0123456789abcdef",
            [SendingNodeRuntime.Key] = SendingNodeRuntime.Value,
        };

    /// <summary>
    /// A sending node on the launched campaign until the sink and the gateway have the slice and the staff pages
    /// have their samples; the node is then stopped (the campaign is far from over).
    /// </summary>
    private static async Task<Slice> SendSliceAsync(
        BenchmarkPostgres postgres, PortalDatabase database, StaffSession staff, int campaign, IReadOnlyList<TimedPage> pages, int nodes, Options options, CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSinkServer.StartAsync(cancellationToken: cancellationToken);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: cancellationToken);
        var environment = SendingEnvironment(database, sink, gateway);

        // The pages' one-off first answers (the first count of a national ledger's people among them) before the
        // node starts, so that they do not weigh on the start of the slice only.
        await PageTimings.OpenOnceAsync(staff, pages, cancellationToken);
        await postgres.CheckpointAsync(cancellationToken);
        var (emailsBefore, smsBefore) = (sink.ReceivedCount, gateway.Accepted);
        long Delivered() => sink.ReceivedCount - emailsBefore + (gateway.Accepted - smsBefore);

        Note(Invariant($"timing: {nodes} sending node(s) on the campaign until {WarmUp(options.Slice):N0} (warm-up) + {options.Slice:N0} more messages reached the sink and the gateway{(pages.Count > 0 ? ", while the staff pages are timed" : "")}"));
        var clock = Stopwatch.StartNew();
        var started = Enumerable.Range(0, nodes).Select(_ => PortalNode.Start(environment)).ToList();
        try
        {
            using var stopCounting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var samples = new List<(TimeSpan At, long Count)>();
            var counting = CountAsync(samples, Delivered, clock, started, WarmUp(options.Slice) + options.Slice, stopCounting.Token);
            var background = DatabaseActivity.SampleAsync(database.ConnectionString, clock, Poll, counting, cancellationToken);
            var claims = ClaimScans.SampleAsync(database.ConnectionString, campaign, clock, ClaimPoll, counting, cancellationToken);
            var timed = await PageTimings.SampleAsync(staff, pages, options.Samples, PerPage, counting, () => started.TrueForAll(n => !n.HasExited), cancellationToken);
            var sliceDone = await counting;
            var peak = started.MaxBy(n => n.PeakMiB)!;
            return Measured(samples, sliceDone, (peak.PeakMiB, peak.PeakReachedAt), timed, options.Slice, await background, await claims);
        }
        finally
        {
            foreach (var node in started)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Every page that shows figures over the incident, on the launched campaign and the draft.</summary>
    private static IReadOnlyList<TimedPage> FigurePages(int campaign, int draft)
    {
        var reference = Incident;
        return
        [
            new("campaign details (audience)", Invariant($"/staff/campaigns/{draft}"), "fr-table"),
            new("campaign progress", Invariant($"/staff/campaigns/{campaign}/progress"), "<progress"),
            new("campaign progress (JSON)", Invariant($"/staff/campaigns/{campaign}/progress?handler=Json"), "\"total\""),
            new("Art. 33 report", $"/staff/authority/{reference}/art33", reference),
            new("Art. 34 evidence", $"/staff/authority/{reference}/art34", reference),
            new("Art. 34 evidence (JSON)", $"/staff/authority/{reference}/art34?handler=Json", reference),
            .. Web.Authority.Art34Export.CsvParts.Keys.Select(part =>
                new TimedPage($"Art. 34 evidence (CSV {part})", $"/staff/authority/{reference}/art34?handler=Csv&part={part}", Web.Authority.Art34Export.CsvParts[part][0])),
            new("authority record list", "/staff/authority", reference),
        ];
    }

    /// <summary>
    /// What a new node sends before its slice is timed: its first seconds are JIT compilation and connections, which
    /// would make the slice's start look slower than its end whatever the ledger does.
    /// </summary>
    private static long WarmUp(long slice) => slice / 5;

    private static Slice Measured(
        List<(TimeSpan At, long Count)> samples, TimeSpan sliceDone, (double MiB, TimeSpan At) peak, IReadOnlyList<PageLatency> pages, long slice, IReadOnlyList<BackgroundWork> background,
        IReadOnlyList<ClaimScan> claims)
    {
        var start = WarmUp(slice);
        var fifths = Enumerable.Range(0, 5)
            .Select(i => (samples.First(s => s.Count >= start + (slice * i / 5)).At, RateBetween(samples, start + (slice * i / 5), start + (slice * (i + 1) / 5))))
            .ToList();
        return new(
            slice, sliceDone, RateBetween(samples, start, start + slice), peak.MiB, peak.At, pages, fifths, background, ClaimScans.PerFifth(claims, [.. fifths.Select(f => f.At)], sliceDone));
    }

    /// <summary>Samples what the receivers counted until the slice is there; the time it took from the node's start.</summary>
    private static async Task<TimeSpan> CountAsync(
        List<(TimeSpan At, long Count)> samples, Func<long> delivered, Stopwatch clock, List<PortalNode> nodes, long slice, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(slice / 200.0);
        while (true)
        {
            await Task.Delay(Poll, cancellationToken);
            var count = delivered();
            samples.Add((clock.Elapsed, count));
            if (count >= slice)
            {
                return clock.Elapsed;
            }

            if (nodes.FirstOrDefault(n => n.HasExited) is { } stopped)
            {
                throw new BenchmarkFailedException(Invariant($"a sending node stopped: {count:N0} of {slice:N0} messages after {clock.Elapsed.TotalSeconds:N0} s. {stopped.LastLines}"));
            }

            if (clock.Elapsed > timeout)
            {
                throw new BenchmarkFailedException(Invariant($"the sending nodes were too slow: {count:N0} of {slice:N0} messages after {clock.Elapsed.TotalSeconds:N0} s. {nodes[0].LastLines}"));
            }
        }
    }

    /// <summary>Messages per second between the samples where the count first reached <paramref name="from"/> and <paramref name="to"/>.</summary>
    private static double RateBetween(List<(TimeSpan At, long Count)> samples, long from, long to)
    {
        var first = samples.First(s => s.Count >= from);
        var last = samples.First(s => s.Count >= to);
        return last.At > first.At ? (last.Count - first.Count) / (last.At - first.At).TotalSeconds : 0;
    }

    private static async Task<Sizes> SizeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT pg_database_size(current_database()), pg_total_relation_size('people'), pg_total_relation_size('exposures'), pg_total_relation_size('messages')",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Sizes(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static Options? Parse(IReadOnlyList<string> arguments)
    {
        var given = new BenchmarkArguments(arguments);
        var options = new Options(
            given.Whole("--people", DefaultPeople, 10_000, 50_000_000),
            given.Whole("--slice", DefaultSlice, 1_000, 10_000_000),
            (int)given.Whole("--samples", DefaultSamples, 1, 1_000),
            TimeSpan.FromSeconds(given.Whole("--duration", DefaultSeconds, 1, 600)),
            given.Flag("--keep"));
        return given.Understood ? options : null;
    }

    private static double MiB(long bytes) => bytes / 1024.0 / 1024.0;

    private static void Note(string message) => Console.WriteLine(message);

    [GeneratedRegex(@"^campaign=(\d+) status=draft$")]
    private static partial Regex CreatedCampaign();
}
