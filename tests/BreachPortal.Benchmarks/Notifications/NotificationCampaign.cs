using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Web.Notifications;
using Npgsql;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Notifications;

/// <summary>A campaign launched and ready to send: its ledger is written, no sending node runs yet.</summary>
internal sealed record LaunchedCampaign(int Id, long Messages, string Database, string ConnectionString, IReadOnlyDictionary<string, string?> Environment);

/// <summary>What a sending node did, from its start until every message of the campaign had a final status.</summary>
internal sealed record SendingRun(
    TimeSpan Elapsed,
    TimeSpan FirstDelivered,
    TimeSpan AllDelivered,
    TimeSpan NodeCpu,
    double NodePeakMiB,
    TimeSpan? PostgresCpu,
    IReadOnlyList<(string Name, TimeSpan Cpu)> OtherCpu,
    double MachineBusy,
    int Cores,
    IReadOnlyList<long> PerSecond);

/// <summary>
/// What the email and SMS benchmarks share: a portal database prepared with the portal's own verbs (migrate,
/// seed-demo, create-admin, import, campaign-create/approve/start), then a sending node timed until the ledger is done.
/// </summary>
internal static partial class NotificationCampaign
{
    public const string Incident = "FT-2024-03";
    public const string From = PortalSetup.From;

    private const string Creator = "bench.creator@example.test";
    private const string Approver = "bench.approver@example.test";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LedgerCheck = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A new database with the demo incidents, two Operators and <paramref name="messages"/> people the channel can
    /// reach in <see cref="Incident"/>, and a campaign created, approved and started on it at 100,000 per second.
    /// </summary>
    public static async Task<LaunchedCampaign> LaunchAsync(BenchmarkPostgres postgres, string work, MessageChannel channel, long messages, CancellationToken cancellationToken)
    {
        Note("migrating, seeding the incidents and creating two Operators with the portal's own verbs (Release build)");
        var database = await PortalSetup.CreateDatabaseAsync(postgres, "bp_notify", cancellationToken);
        await AddOperatorsAsync(postgres, database, cancellationToken);

        var extract = Path.Combine(work, "extract.csv");
        var generating = Stopwatch.StartNew();
        await ReachableExtract.WriteAsync(extract, channel, messages, cancellationToken);
        Note(Invariant($"  extract of {messages:N0} people with {(channel == MessageChannel.Email ? "an email address" : "a mobile number")} written in {generating.Elapsed.TotalSeconds:N1} s"));
        var import = await PortalSetup.ImportAsync(database, Incident, extract, messages, Invariant($"imported={messages} rejected=0 duplicates=0"), cancellationToken);
        Note(Invariant($"  import verb: {import.Elapsed.TotalSeconds:N2} s (not timed by this benchmark)"));

        var campaign = await StartCampaignAsync(postgres, database, channel, messages, cancellationToken);
        if (campaign.Ledger != messages)
        {
            throw new BenchmarkFailedException(Invariant($"the ledger holds {campaign.Ledger} messages for {messages} people ({campaign.Status})."));
        }

        return new LaunchedCampaign(campaign.Id, messages, database.Name, database.ConnectionString, database.Environment);
    }

    /// <summary>
    /// Two staff accounts (<c>create-admin</c>) given the Operator role, which the campaign verbs require of the
    /// one who creates and the one who approves.
    /// </summary>
    public static async Task AddOperatorsAsync(BenchmarkPostgres postgres, PortalDatabase database, CancellationToken cancellationToken)
    {
        foreach (var staff in new[] { Creator, Approver })
        {
            await PortalSetup.VerbAsync(database.Environment, TimeSpan.FromMinutes(2), cancellationToken, "create-admin", "--email", staff);
        }

        // No verb grants a role (the staff console does, through an enrolled Administrator's session): the role link
        // is written directly, which is all the Operator check of the campaign verbs reads.
        await postgres.ExecuteAsync(
            database.Name,
            $"""
            INSERT INTO staff_user_roles (user_id, role_id)
            SELECT u.id, r.id FROM staff_users u CROSS JOIN staff_roles r
            WHERE lower(u.email) IN ('{Creator}', '{Approver}') AND r.name = 'Operator'
            """,
            cancellationToken);
    }

    /// <summary>
    /// A campaign on <see cref="Incident"/> for the channel at 100,000 per second, created, approved and started
    /// (<see cref="AddOperatorsAsync"/> first): its ledger holds one message per person the channel reaches.
    /// </summary>
    /// <param name="postgres">The server.</param>
    /// <param name="database">The portal database, people imported.</param>
    /// <param name="channel">Email or SMS.</param>
    /// <param name="people">People of the incident, for the time allowed to the launch.</param>
    /// <param name="cancellationToken">Stops the verbs.</param>
    /// <returns>The campaign's id, the messages of its ledger, what campaign-status says and how long campaign-start took.</returns>
    public static Task<(int Id, long Ledger, string Status, TimeSpan Elapsed)> StartCampaignAsync(
        BenchmarkPostgres postgres, PortalDatabase database, MessageChannel channel, long people, CancellationToken cancellationToken)
    {
        var policy = channel == MessageChannel.Email
            ? new[] { "--policy", "email", "--emails-per-second", "100000" }
            : ["--policy", "sms", "--sms-per-second", "100000", "--sms-window", "00:00-23:59"];
        return StartCampaignAsync(postgres, database, $"Benchmark {channel}", policy, people, cancellationToken);
    }

    /// <summary>The same with the policy, rates and window given as <c>campaign-create</c> options.</summary>
    /// <param name="postgres">The server.</param>
    /// <param name="database">The portal database, people imported.</param>
    /// <param name="name">The campaign's name.</param>
    /// <param name="policy">campaign-create's <c>--policy</c>, rate and window options.</param>
    /// <param name="people">People of the incident, for the time allowed to the launch.</param>
    /// <param name="cancellationToken">Stops the verbs.</param>
    /// <returns>The campaign's id, the messages of its ledger, what campaign-status says and how long campaign-start took.</returns>
    public static async Task<(int Id, long Ledger, string Status, TimeSpan Elapsed)> StartCampaignAsync(
        BenchmarkPostgres postgres, PortalDatabase database, string name, IReadOnlyList<string> policy, long people, CancellationToken cancellationToken)
    {
        var id = await ApprovedCampaignAsync(database, Incident, name, policy, cancellationToken);
        var (ledger, status, elapsed) = await StartApprovedAsync(postgres, database, id, people, cancellationToken);
        return (id, ledger, status, elapsed);
    }

    /// <summary>A campaign on the incident created by one Operator and approved by the other, not started.</summary>
    public static async Task<int> ApprovedCampaignAsync(PortalDatabase database, string incident, string name, IReadOnlyList<string> policy, CancellationToken cancellationToken)
    {
        var created = await PortalSetup.VerbAsync(
            database.Environment,
            TimeSpan.FromMinutes(2),
            cancellationToken,
            ["campaign-create", "--incident", incident, "--name", name, "--by", Creator, .. policy]);
        if (CreatedCampaign().Match(created.LastLine) is not { Success: true } match)
        {
            throw new BenchmarkFailedException($"campaign-create said '{created.LastLine}'.");
        }

        var id = match.Groups[1].Value;
        await PortalSetup.VerbAsync(database.Environment, TimeSpan.FromMinutes(2), cancellationToken, "campaign-approve", "--campaign", id, "--by", Approver);
        return int.Parse(id, CultureInfo.InvariantCulture);
    }

    /// <summary>campaign-start on an approved campaign, timed: the ledger written.</summary>
    /// <returns>The messages of its ledger, what campaign-status says and how long campaign-start took.</returns>
    public static async Task<(long Ledger, string Status, TimeSpan Elapsed)> StartApprovedAsync(
        BenchmarkPostgres postgres, PortalDatabase database, int campaignId, long people, CancellationToken cancellationToken)
    {
        var environment = database.Environment;
        var id = campaignId.ToString(CultureInfo.InvariantCulture);
        await postgres.CheckpointAsync(cancellationToken);
        Note("timing: campaign-start (writes the ledger, one message per person)");
        var started = await PortalSetup.VerbAsync(environment, TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(people / 2_000.0), cancellationToken, "campaign-start", "--campaign", id, "--by", Creator);
        var status = await PortalSetup.VerbAsync(environment, TimeSpan.FromMinutes(2), cancellationToken, "campaign-status", "--campaign", id);
        var ledger = await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM messages WHERE campaign_id = $1", campaignId, cancellationToken);
        Console.WriteLine(Invariant($"ledger written  {started.Elapsed.TotalSeconds:N2} s for {ledger:N0} messages (campaign-start as a process; campaign-status, which writes nothing, takes {status.Elapsed.TotalSeconds:N2} s)"));
        return (ledger, status.LastLine, started.Elapsed);
    }

    /// <summary>A campaign verb taking <c>--campaign</c> and <c>--by</c> (pause, cancel, start), run by the creating Operator.</summary>
    public static Task<ChildRun> CampaignVerbAsync(PortalDatabase database, string verb, int campaignId, CancellationToken cancellationToken) =>
        PortalSetup.VerbAsync(database.Environment, TimeSpan.FromMinutes(2), cancellationToken, verb, "--campaign", campaignId.ToString(CultureInfo.InvariantCulture), "--by", Creator);

    /// <summary>
    /// Starts a sending node and waits until every message of the campaign has a final status committed (sent,
    /// delivered or failed: neither created, sending nor waiting for a retry). <paramref name="delivered"/> counts what
    /// the receiving end got, so that the database is asked often only at the end.
    /// </summary>
    /// <param name="campaign">The launched campaign.</param>
    /// <param name="nodeSettings">The node's own settings (dispatcher, transport), as environment variables.</param>
    /// <param name="delivered">Messages the receiving end has counted since the node started.</param>
    /// <param name="otherProcesses">Other CPU consumers to report (name, reader of CPU time so far).</param>
    /// <param name="cancellationToken">Stops the wait; the node is killed.</param>
    public static async Task<SendingRun> SendAsync(
        LaunchedCampaign campaign,
        IReadOnlyDictionary<string, string?> nodeSettings,
        Func<long> delivered,
        IReadOnlyList<(string Name, Func<TimeSpan> Cpu)> otherProcesses,
        CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(campaign.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in nodeSettings)
        {
            environment[key] = value;
        }

        var postmaster = await BenchmarkPostgres.ServerProcessAsync(campaign.ConnectionString, cancellationToken);
        var timeout = TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(campaign.Messages / 200.0);
        var machineBefore = CpuUsage.OfMachine();
        var postgresBefore = postmaster is { } pid ? CpuUsage.OfTree(pid) : TimeSpan.Zero;
        var othersBefore = otherProcesses.Select(p => p.Cpu()).ToList();
        TimeSpan? first = null;
        var samples = new List<(TimeSpan At, long Count)>();
        TimeSpan? all = null;
        TimeSpan done;
        var nextLedgerCheck = LedgerCheck;

        Note("timing: the portal as a sending node, from its start until every message has a final status");
        var clock = Stopwatch.StartNew();
        await using var node = PortalNode.Start(environment);
        while (true)
        {
            await Task.Delay(first is null ? Poll / 4 : Poll, cancellationToken);
            var now = clock.Elapsed;
            if (node.HasExited)
            {
                throw new BenchmarkFailedException($"the sending node stopped after {now.TotalSeconds:N1} s: {node.LastLines}");
            }

            var count = delivered();
            first ??= count > 0 ? now : null;
            samples.Add((now, count));
            all ??= count >= campaign.Messages ? now : null;
            if (all is not null || now >= nextLedgerCheck)
            {
                nextLedgerCheck = now + LedgerCheck;
                var final = await ScalarAsync(campaign.ConnectionString, "SELECT count(*) FROM messages WHERE campaign_id = $1 AND status NOT IN (0, 1, 4)", campaign.Id, cancellationToken);
                if (final >= campaign.Messages)
                {
                    done = now;
                    break;
                }
            }

            if (now > timeout)
            {
                throw new BenchmarkFailedException(Invariant($"after {timeout:g} the receiving end has {count} of {campaign.Messages} messages. Node: {node.LastLines}"));
            }
        }

        var nodeCpu = CpuUsage.OfProcess(node.ProcessId);
        var postgresCpu = postmaster is { } server ? CpuUsage.OfTree(server) - postgresBefore : (TimeSpan?)null;
        var others = otherProcesses.Select((p, i) => (p.Name, p.Cpu() - othersBefore[i])).ToList();
        var machineAfter = CpuUsage.OfMachine();
        var peak = node.PeakMiB;
        await node.DisposeAsync();

        var statuses = await StatusesAsync(campaign, cancellationToken);
        if (statuses.GetValueOrDefault((short)2) != campaign.Messages)
        {
            throw new BenchmarkFailedException(
                $"not every message was sent (status=count: {string.Join(", ", statuses.Select(s => Invariant($"{s.Key}={s.Value}")))}); last lines of the node: {node.LastLines}");
        }

        var busy = (machineAfter.Busy - machineBefore.Busy) / (machineAfter.Total - machineBefore.Total);
        return new SendingRun(done, first ?? done, all ?? done, nodeCpu, peak, postgresCpu, others, busy, Environment.ProcessorCount, PerSecond(samples, first ?? done, all ?? done));
    }

    /// <summary>The figures of a sending run, one per line, in the import benchmark's layout.</summary>
    public static void Report(SendingRun run, long messages, string unit, string receiver)
    {
        var elapsed = run.Elapsed.TotalSeconds;
        Console.WriteLine(Invariant($"node total      {elapsed:N2} s from the node's start to the last final status: {messages / elapsed:N0} {unit}/s"));
        Console.WriteLine(Invariant($"  start         {run.FirstDelivered.TotalSeconds:N2} s until the {receiver} had the first one (process and host start, first claim and connection)"));
        var sending = (run.AllDelivered - run.FirstDelivered).TotalSeconds;
        Console.WriteLine(Invariant($"  sending       {sending:N2} s from the first to the last at the {receiver}: {(sending > 0 ? messages / sending : 0):N0} {unit}/s"));
        if (run.PerSecond.Count > 0)
        {
            // Ramp-up, then the steady rate: tells a slow start of the dispatcher from a slow dispatcher.
            var sorted = run.PerSecond.Order().ToList();
            Console.WriteLine(Invariant($"  per second    {string.Join(' ', run.PerSecond.Take(5).Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}{(run.PerSecond.Count > 5 ? " …" : "")} (first seconds); median {sorted[sorted.Count / 2]:N0}/s, best {sorted[^1]:N0}/s over {run.PerSecond.Count} seconds"));
        }

        Console.WriteLine(Invariant($"  last commits  {(run.Elapsed - run.AllDelivered).TotalSeconds:N2} s more until the ledger said so (polled every {Poll.TotalMilliseconds:N0} ms)"));
        Console.WriteLine(Invariant($"node CPU        {run.NodeCpu.TotalSeconds:N1} s ({run.NodeCpu / run.Elapsed:P0} of one core), {run.NodeCpu.TotalMilliseconds * 1_000 / messages:N0} µs per message; peak RSS {run.NodePeakMiB:N0} MB (VmHWM)"));
        if (run.PostgresCpu is { } postgres)
        {
            Console.WriteLine(Invariant($"PostgreSQL CPU  {postgres.TotalSeconds:N1} s ({postgres / run.Elapsed:P0} of one core), {postgres.TotalMilliseconds * 1_000 / messages:N0} µs per message"));
        }

        foreach (var (name, cpu) in run.OtherCpu)
        {
            Console.WriteLine(Invariant($"{name + " CPU",-15} {cpu.TotalSeconds:N1} s ({cpu / run.Elapsed:P0} of one core)"));
        }

        // Whatever else runs on the machine (other builds and tests) takes cores from the node and from PostgreSQL.
        var busy = run.Elapsed * run.Cores * run.MachineBusy;
        var others = busy - run.NodeCpu - (run.PostgresCpu ?? TimeSpan.Zero) - run.OtherCpu.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Cpu);
        Console.WriteLine(Invariant($"machine         {run.MachineBusy:P0} busy over its {run.Cores} cores during the node's run; processes outside this benchmark: {others.TotalSeconds:N1} s ({others / run.Elapsed:P0} of one core)"));
    }

    /// <summary>The receiving end's rate in each whole second after the first message, from the poll's samples.</summary>
    private static List<long> PerSecond(List<(TimeSpan At, long Count)> samples, TimeSpan first, TimeSpan last)
    {
        var perSecond = new List<long>();
        var previous = samples.Find(s => s.At >= first);
        for (var second = first + TimeSpan.FromSeconds(1); second <= last; second += TimeSpan.FromSeconds(1))
        {
            var index = samples.FindIndex(s => s.At >= second);
            if (index < 0)
            {
                break;
            }

            // The first sample at or after the second's end: polls are 200 ms apart, or more on a busy machine.
            var sample = samples[index];
            perSecond.Add((long)Math.Round((sample.Count - previous.Count) / (sample.At - previous.At).TotalSeconds));
            previous = sample;
        }

        return perSecond;
    }

    /// <summary>One number read with the campaign's id as <c>$1</c>.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql, int campaignId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = campaignId });
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<Dictionary<short, long>> StatusesAsync(LaunchedCampaign campaign, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(campaign.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT status, count(*) FROM messages WHERE campaign_id = $1 GROUP BY status", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = campaign.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statuses = new Dictionary<short, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses[reader.GetInt16(0)] = reader.GetInt64(1);
        }

        return statuses;
    }

    private static void Note(string message) => Console.WriteLine(message);

    [GeneratedRegex(@"^campaign=(\d+) status=draft$")]
    private static partial Regex CreatedCampaign();
}
