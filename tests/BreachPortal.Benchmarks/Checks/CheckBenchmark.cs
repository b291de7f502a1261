using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Benchmarks.Notifications;
using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Registry.Synthetic;
using Npgsql;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Checks;

/// <summary>
/// The citizen pages under load: a registry of N people imported and a campaign's ledger written with the portal's
/// verbs, then the portal as a Production web node (rate limits lifted, dispatcher off) driven by wrk on loopback:
/// <c>POST /check</c> with contacts half on file and half not, <c>POST /verify</c> with reference codes half real
/// and half unknown, and, in the same run, <c>GET /health/live</c>, a plain 200 of the same server, as the reference.
/// Targets (issue #6): at least 3,000 checks/s with p99 under 50 ms, and 5,000 verifications/s.
/// </summary>
internal static partial class CheckBenchmark
{
    public const string Usage = "check [--people N] [--duration S] [--connections C] [--keep]";

    private const long DefaultPeople = 1_000_000;
    private const int DefaultSeconds = 15;
    private const int DefaultConnections = 64;
    private const int Threads = 2;
    private const int Samples = 2_000;
    internal const string CheckField = "Input.Contact";
    private const string VerifyField = "Code";
    private const string AntiforgeryCookie = "bp.af";
    private const string TokenField = "__RequestVerificationToken";

    // The pages answer a refused input with the form in error; the load must get the normal answer every time.
    internal const string ErrorMarker = "fr-input-group--error";
    internal const string SentMarker = "fr-alert--success";

    // The runtime compiles hot methods again, optimised, on a background thread; on two busy cores the pages' many
    // methods take tens of seconds to get there. Warm-up goes on, in steps, until that thread is nearly idle.
    private const string TieringThread = ".NET Tiered Com";
    private const double SettledCompiling = 0.02;
    private static readonly TimeSpan WarmUpStep = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(45);

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (Parse(arguments) is not { } options)
        {
            return await BenchmarkRun.UsageErrorAsync(Usage, $"defaults: --people {DefaultPeople} --duration {DefaultSeconds} --connections {DefaultConnections}");
        }

        if (!await WrkLoad.PresentAsync("check"))
        {
            return Benchmark.Failure;
        }

        await using var run = BenchmarkRun.Start(options.Keep);
        var work = run.Work;
        var postgres = await run.StartPostgresAsync(cancellationToken);
        var (database, campaignId, ledger) = await PrepareAsync(postgres, work, options.People, cancellationToken);

        var (plain, check, worker, verify, peak) = await MeasureAsync(postgres, database, campaignId, work, options, cancellationToken);

        var ratio = check.Load.Rate / plain.Load.Rate;
        Console.WriteLine();
        Console.WriteLine(Invariant($"people          {options.People:N0} in the registry; a ledger of {ledger:N0} messages"));
        Console.WriteLine(Invariant($"load            wrk -t{Threads} -c{options.Connections} on loopback, {options.Duration.TotalSeconds:N0} s per phase after its warm-up"));
        Report("plain", plain);
        Report("check", check);
        Console.WriteLine(Invariant($"  worker        {worker.Codes:N0} codes issued (code and message written) for the ≈ {worker.KnownRequests:N0} requests with a known contact; {worker.Dropped:N0} requests dropped (queue full); drained {worker.Drain.TotalSeconds:N1} s after the load"));
        Report("verify", verify);
        Console.WriteLine(Invariant($"node            peak RSS {peak:N0} MB (VmHWM)"));
        Console.WriteLine(Invariant($"ratio           {ratio:N3} (check rate / plain rate); verify / plain {verify.Load.Rate / plain.Load.Rate:N3}"));
        Console.WriteLine("targets         check ≥ 3,000 req/s with p99 < 50 ms; verify ≥ 5,000 req/s");
        run.KeepIfAsked(database.Name);
        Console.WriteLine(Invariant($"verify: rate={verify.Load.Rate:F1} p99_ms={verify.Load.P99Ms:F2}"));
        Console.WriteLine(Invariant($"RESULT name=check rate={check.Load.Rate:F1} p99_ms={check.Load.P99Ms:F2} ratio={ratio:F3}"));
        return Benchmark.Success;
    }

    internal sealed record Options(long People, TimeSpan Duration, int Connections, bool Keep);

    internal sealed record CheckPhases(Phase Plain, Phase Check, WorkerRun Worker, Phase Verify, double PeakMiB);

    private sealed record LoadContext(PortalNode Node, int? Postmaster, string Work, Options Options);

    internal sealed record Phase(LoadRun Load, long WarmUpRequests, TimeSpan WarmUp, TimeSpan PortalCpu, TimeSpan Compiling, TimeSpan? PostgresCpu, TimeSpan Elapsed, double MachineBusy, int Cores);

    internal sealed record WorkerRun(long Codes, long KnownRequests, long Dropped, TimeSpan Drain);

    /// <summary>An antiforgery cookie and the form token that goes with it: reusable for as many posts as wanted.</summary>
    internal sealed record Form(string Cookie, string Token)
    {
        public string Body(string field, string value) => $"{field}={Uri.EscapeDataString(value)}&{TokenField}={Uri.EscapeDataString(Token)}";
    }

    /// <summary>
    /// The load phases on a prepared database: a Production web node (rate limits lifted, dispatcher off), then
    /// the plain reference, <c>POST /check</c> and <c>POST /verify</c> one after the other; the node is stopped after.
    /// </summary>
    internal static async Task<CheckPhases> MeasureAsync(
        BenchmarkPostgres postgres, PortalDatabase database, int campaignId, string work, Options options, CancellationToken cancellationToken)
    {
        var contacts = CheckSamples.Contacts(options.People, Samples);
        var codes = CheckSamples.WithUnknownCodes(await CheckSamples.SentReferenceCodesAsync(database.ConnectionString, campaignId, Samples, cancellationToken));
        Note(Invariant($"load: {contacts.Count:N0} contacts (half held by people spread over the registry, half by nobody), {codes.Count:N0} reference codes (half of sent messages, half unknown)"));

        await postgres.CheckpointAsync(cancellationToken);
        var environment = new Dictionary<string, string?>(database.Environment, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Notifications__Dispatcher__Enabled"] = "false",
            ["Checks__RateLimits__Enabled"] = "false",
            // One line per request on the console would be measured too; operators keep it, the figure is the pages'.
            ["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning",
        };
        await using var node = PortalNode.Start(environment);
        var address = await node.ListeningAsync(TimeSpan.FromMinutes(1), cancellationToken);
        Note($"portal web node on {address} (Production, rate limits lifted, dispatcher off, request logging at Warning)");
        var postmaster = await BenchmarkPostgres.ServerProcessAsync(database.ConnectionString, cancellationToken);
        var load = new LoadContext(node, postmaster, work, options);

        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var checkForm = await FormAsync(client, "/check", CheckField, cancellationToken);
        var verifyForm = await FormAsync(client, "/verify", VerifyField, cancellationToken);
        var checkBodies = contacts.Select(c => checkForm.Body(CheckField, c)).ToList();
        var verifyBodies = codes.Select(c => verifyForm.Body(VerifyField, c)).ToList();
        await ProbeAsync(client, "/check", checkForm, checkBodies[0], checkBodies[1], expectSent: null, cancellationToken);
        await ProbeAsync(client, "/verify", verifyForm, verifyBodies[0], verifyBodies[1], expectSent: true, cancellationToken);

        var plain = await PhaseAsync("plain GET /health/live", new LoadTarget(new Uri(address, "/health/live"), [], null, 200, null), load, cancellationToken);

        var priorityBefore = await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM messages WHERE campaign_id IS NULL", cancellationToken);
        var check = await PhaseAsync("POST /check", new LoadTarget(new Uri(address, "/check"), checkBodies, checkForm.Cookie, 200, ErrorMarker), load, cancellationToken);
        var worker = await WorkerAsync(database.ConnectionString, priorityBefore, check, cancellationToken);

        var verify = await PhaseAsync("POST /verify", new LoadTarget(new Uri(address, "/verify"), verifyBodies, verifyForm.Cookie, 200, ErrorMarker), load, cancellationToken);
        var peak = node.PeakMiB;

        return new CheckPhases(plain, check, worker, verify, peak);
    }

    private static async Task<(PortalDatabase Database, int CampaignId, long Ledger)> PrepareAsync(
        BenchmarkPostgres postgres, string work, long people, CancellationToken cancellationToken)
    {
        Note("migrating, seeding the incidents and creating two Operators with the portal's own verbs (Release build)");
        var database = await PortalSetup.CreateDatabaseAsync(postgres, "bp_check", cancellationToken);
        await NotificationCampaign.AddOperatorsAsync(postgres, database, cancellationToken);

        var extract = Path.Combine(work, "extract.csv");
        var generating = Stopwatch.StartNew();
        SyntheticRegistrySummary summary;
        await using (var file = new FileStream(extract, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            summary = await SyntheticRegistry.WriteAsync(file, new SyntheticRegistryOptions { People = people }, cancellationToken);
        }

        Note(Invariant($"  synthetic extract of {people:N0} people (no broken row) written in {generating.Elapsed.TotalSeconds:N1} s"));
        var import = await PortalSetup.ImportAsync(
            database, NotificationCampaign.Incident, extract, people, Invariant($"imported={summary.GoodRows} rejected=0 duplicates=0"), cancellationToken);
        Note(Invariant($"  import verb: {import.Elapsed.TotalSeconds:N2} s (not timed by this benchmark)"));
        File.Delete(extract);

        var campaign = await NotificationCampaign.StartCampaignAsync(postgres, database, MessageChannel.Email, people, cancellationToken);
        return (database, campaign.Id, campaign.Ledger);
    }

    internal static async Task<Form> FormAsync(HttpClient client, string path, string field, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkFailedException($"GET {path} answered {(int)response.StatusCode}.");
        }

        if (!html.Contains($"name=\"{field}\"", StringComparison.Ordinal) || FormToken().Match(html) is not { Success: true } token)
        {
            throw new BenchmarkFailedException($"GET {path} shows no form with a field '{field}' and an antiforgery token: the page changed, the benchmark must follow.");
        }

        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(AntiforgeryCookie + "=", StringComparison.Ordinal))
            : null;
        return new Form(cookie ?? throw new BenchmarkFailedException($"GET {path} set no {AntiforgeryCookie} cookie."), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>
    /// One post of a known and one of an unknown value before the load: both must get the page's normal answer
    /// (and, when <paramref name="expectSent"/>, the known one the "we sent it" answer and the unknown one not).
    /// </summary>
    private static async Task ProbeAsync(HttpClient client, string path, Form form, string knownBody, string unknownBody, bool? expectSent, CancellationToken cancellationToken)
    {
        foreach (var (body, known) in new[] { (knownBody, true), (unknownBody, false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Add("Cookie", form.Cookie);
            using var response = await client.SendAsync(request, cancellationToken);
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            var sent = html.Contains(SentMarker, StringComparison.Ordinal);
            if (response.StatusCode != HttpStatusCode.OK || html.Contains(ErrorMarker, StringComparison.Ordinal) || (expectSent is not null && sent != (known && expectSent.Value)))
            {
                throw new BenchmarkFailedException(
                    $"POST {path} with a{(known ? " known" : "n unknown")} value answered {(int)response.StatusCode}{(sent ? " (\"sent\")" : "")}{(html.Contains(ErrorMarker, StringComparison.Ordinal) ? " with the form in error" : "")}: {Excerpt(html)}");
            }
        }
    }

    private static async Task<Phase> PhaseAsync(string name, LoadTarget target, LoadContext load, CancellationToken cancellationToken)
    {
        var options = load.Options;
        var node = load.Node;
        Note(Invariant($"timing: {name}: wrk -t{Threads} -c{options.Connections}, warm-up in steps of {WarmUpStep.TotalSeconds:N0} s until the JIT settles, then {options.Duration.TotalSeconds:N0} s"));
        var (warmUp, warmUpRequests, compiling) = (TimeSpan.Zero, 0L, 1.0);
        while (compiling > SettledCompiling && warmUp < MaxWarmUp)
        {
            var compiledBefore = CpuUsage.OfThreads(node.ProcessId, TieringThread);
            var step = Stopwatch.StartNew();
            var run = await WrkLoad.RunAsync(target, load.Work, Threads, options.Connections, WarmUpStep, cancellationToken);
            Check(name, run, node);
            compiling = CpuUsage.Growth(compiledBefore, CpuUsage.OfThreads(node.ProcessId, TieringThread)) / step.Elapsed;
            warmUp += step.Elapsed;
            warmUpRequests += run.Requests;
        }

        Note(Invariant($"  warm-up {warmUp.TotalSeconds:N0} s ({warmUpRequests:N0} requests); background JIT at {compiling:P0} of a core in its last step"));

        var portalBefore = CpuUsage.OfProcess(node.ProcessId);
        var compilingBefore = CpuUsage.OfThreads(node.ProcessId, TieringThread);
        var postgresBefore = load.Postmaster is { } before ? CpuUsage.OfTree(before) : TimeSpan.Zero;
        var machineBefore = CpuUsage.OfMachine();
        var clock = Stopwatch.StartNew();
        var measured = await WrkLoad.RunAsync(target, load.Work, Threads, options.Connections, options.Duration, cancellationToken);
        var elapsed = clock.Elapsed;
        var machineAfter = CpuUsage.OfMachine();
        var phase = new Phase(
            measured,
            warmUpRequests,
            warmUp,
            CpuUsage.OfProcess(node.ProcessId) - portalBefore,
            CpuUsage.Growth(compilingBefore, CpuUsage.OfThreads(node.ProcessId, TieringThread)),
            load.Postmaster is { } after ? CpuUsage.OfTree(after) - postgresBefore : null,
            elapsed,
            (machineAfter.Busy - machineBefore.Busy) / (machineAfter.Total - machineBefore.Total),
            Environment.ProcessorCount);
        Check(name, measured, node);
        Note(Invariant($"  {measured.Rate:N0} req/s, p50 {measured.P50Ms:N2} ms, p99 {measured.P99Ms:N2} ms; CPU per request: portal {PerRequest(phase.PortalCpu, measured):N0} µs, PostgreSQL {(phase.PostgresCpu is { } pg ? PerRequest(pg, measured).ToString("N0", CultureInfo.InvariantCulture) : "?")} µs, wrk {PerRequest(measured.WrkCpu, measured):N0} µs"));
        return phase;
    }

    private static void Check(string name, LoadRun run, PortalNode node)
    {
        if (node.HasExited)
        {
            throw new BenchmarkFailedException($"the portal stopped during {name}: {node.LastLines}");
        }

        if (run.Unexpected > 0 || run.SocketErrors > 0)
        {
            throw new BenchmarkFailedException(
                Invariant($"{name}: {run.Unexpected:N0} of {run.Requests:N0} responses were not the page's normal answer, {run.SocketErrors:N0} socket errors or timeouts; first: {run.FirstUnexpected ?? "-"}. Node: {node.LastLines}"));
        }
    }

    /// <summary>
    /// Waits until the check worker has written every code the load asked for (the priority lane stops growing),
    /// and for the abuse counters' next flush, which says how many requests a full queue dropped.
    /// </summary>
    private static async Task<WorkerRun> WorkerAsync(string connectionString, long priorityBefore, Phase check, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var last = -1L;
        long count;
        while ((count = await ScalarAsync(connectionString, "SELECT count(*) FROM messages WHERE campaign_id IS NULL", cancellationToken)) != last
            || clock.Elapsed < AbuseCounterFlusher.Interval + TimeSpan.FromSeconds(1))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new BenchmarkFailedException("the check worker was still writing codes 2 minutes after the load.");
            }

            last = count;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var codes = count - priorityBefore;
        if (codes == 0)
        {
            throw new BenchmarkFailedException("no code was issued: the benchmark's known contacts are not the registry's.");
        }

        var dropped = await ScalarAsync(connectionString, $"SELECT coalesce(sum(hits), 0) FROM rate_limit_hits WHERE limit_name = '{AbuseCounters.QueueFull}'", cancellationToken);
        var knownRequests = (check.Load.Requests + check.WarmUpRequests) / 2;
        return new WorkerRun(codes, knownRequests, dropped, clock.Elapsed);
    }

    private static void Report(string name, Phase phase)
    {
        var run = phase.Load;
        Console.WriteLine(Invariant($"{name,-15} {run.Rate:N0} req/s ({run.Requests:N0} in {run.Duration.TotalSeconds:N1} s); latency p50 {run.P50Ms:N2} ms, p90 {run.P90Ms:N2} ms, p99 {run.P99Ms:N2} ms, max {run.MaxMs:N1} ms"));
        var postgres = phase.PostgresCpu is { } pg ? Invariant($"PostgreSQL {pg.TotalSeconds:N1} s ({PerRequest(pg, run):N0} µs/req)") : "PostgreSQL ? (not on this machine)";
        var busy = phase.Elapsed * phase.Cores * phase.MachineBusy;
        var others = busy - phase.PortalCpu - (phase.PostgresCpu ?? TimeSpan.Zero) - run.WrkCpu;
        Console.WriteLine(Invariant(
            $"  CPU           portal {phase.PortalCpu.TotalSeconds:N1} s ({PerRequest(phase.PortalCpu, run):N0} µs/req, of which background JIT {phase.Compiling.TotalSeconds:N1} s), {postgres}, wrk {run.WrkCpu.TotalSeconds:N1} s ({PerRequest(run.WrkCpu, run):N0} µs/req); machine {phase.MachineBusy:P0} busy over {phase.Cores} cores, other processes {others.TotalSeconds:N1} s"));
        Console.WriteLine(Invariant($"  warm-up       {phase.WarmUp.TotalSeconds:N0} s before it ({phase.WarmUpRequests:N0} requests)"));
    }

    private static double PerRequest(TimeSpan cpu, LoadRun run) => run.Requests == 0 ? 0 : cpu.TotalMicroseconds / run.Requests;

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static string Excerpt(string html)
    {
        var text = Whitespace().Replace(html, " ");
        return text.Length > 600 ? text[..600] + "…" : text;
    }

    private static Options? Parse(IReadOnlyList<string> arguments)
    {
        var given = new BenchmarkArguments(arguments);
        var options = new Options(
            given.Whole("--people", DefaultPeople, 1_000, 10_000_000),
            TimeSpan.FromSeconds(given.Whole("--duration", DefaultSeconds, 1, 600)),
            (int)given.Whole("--connections", DefaultConnections, Threads, 1_024),
            given.Flag("--keep"));
        return given.Understood ? options : null;
    }

    private static void Note(string message) => Console.WriteLine(message);

    [GeneratedRegex($@"<input[^>]*\bname=""{TokenField}""[^>]*\bvalue=""([^""]+)""")]
    private static partial Regex FormToken();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
