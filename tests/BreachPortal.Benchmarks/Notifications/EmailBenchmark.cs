using System.Diagnostics;
using System.Globalization;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Notifications;

/// <summary>
/// An email campaign sent by the portal as a sending node (its dispatcher and SMTP pool) to postfix's smtp-sink,
/// against postfix's smtp-source sending as many messages of a similar size to the same sink over as many sessions:
/// the fastest a plain SMTP client gets through that sink on this machine. Targets (issue #5): at least 2,000
/// emails/s and a third of smtp-source's rate.
/// </summary>
internal static class EmailBenchmark
{
    public const string Usage = "email [--messages N] [--connections C] [--keep]";

    public const string SmtpSource = "/usr/sbin/smtp-source";

    private const long DefaultMessages = 100_000;
    private const int DefaultConnections = 32;

    // The payload smtp-source sends after its few headers (≈ 200 bytes). The demo template's notification email
    // (FT-2024-03, French) leaves the portal at ≈ 9,400 bytes: headers, then quoted-printable text and HTML in
    // multipart/alternative (measured with smtp-sink -d).
    private const int ReferencePayloadBytes = 9_200;

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (Parse(arguments) is not { } options)
        {
            return await BenchmarkRun.UsageErrorAsync(Usage, $"defaults: --messages {DefaultMessages} --connections {DefaultConnections}");
        }

        if (!await PostfixToolsPresentAsync())
        {
            return Benchmark.Failure;
        }

        await using var run = BenchmarkRun.Start(options.Keep);
        var work = run.Work;
        var postgres = await run.StartPostgresAsync(cancellationToken);
        var campaign = await NotificationCampaign.LaunchAsync(postgres, work, MessageChannel.Email, options.Messages, cancellationToken);

        await using var sink = await SmtpSinkServer.StartAsync(cancellationToken: cancellationToken);
        Note(Invariant($"smtp-sink on 127.0.0.1:{sink.Port}"));
        var sinkProcess = CpuUsage.Children(Environment.ProcessId, "smtp-sink").Cast<int?>().FirstOrDefault();
        TimeSpan SinkCpu() => sinkProcess is { } pid ? CpuUsage.OfProcess(pid) : TimeSpan.Zero;

        await postgres.CheckpointAsync(cancellationToken);
        var before = sink.ReceivedCount;
        var ours = await NotificationCampaign.SendAsync(
            campaign,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Notifications__Dispatcher__Enabled"] = "true",
                ["Email__Transport"] = "Smtp",
                ["Email__Smtp__Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
                ["Email__Smtp__StartTls"] = "false",
                ["Email__Smtp__MaxConnections"] = options.Connections.ToString(CultureInfo.InvariantCulture),
            },
            () => sink.ReceivedCount - before,
            [("smtp-sink", SinkCpu), ("benchmark", () => CpuUsage.OfProcess(Environment.ProcessId))],
            cancellationToken);
        var received = sink.ReceivedCount - before;
        if (received < options.Messages)
        {
            throw new BenchmarkFailedException(Invariant($"the ledger says {options.Messages} sent, smtp-sink counted {received}."));
        }

        var reference = await SmtpSourceAsync(sink, options, SinkCpu, cancellationToken);

        var rate = options.Messages / ours.Elapsed.TotalSeconds;
        var referenceRate = options.Messages / reference.Elapsed.TotalSeconds;
        var ratio = rate / referenceRate;
        Console.WriteLine();
        Console.WriteLine(Invariant($"emails          {options.Messages:N0} (one per person; smtp-sink counted {received:N0}), {options.Connections} SMTP connections"));
        NotificationCampaign.Report(ours, options.Messages, "emails", "sink");
        Console.WriteLine(Invariant($"smtp-source     {reference.Elapsed.TotalSeconds:N2} s for {options.Messages:N0} messages of {ReferencePayloadBytes:N0} bytes over {options.Connections} sessions: {referenceRate:N0}/s (its CPU {reference.SourceCpu.TotalSeconds:N1} s, smtp-sink's {reference.SinkCpu.TotalSeconds:N1} s)"));
        Console.WriteLine(Invariant($"ratio           {ratio:N2} (portal rate / smtp-source rate)"));
        run.KeepIfAsked(campaign.Database);
        Console.WriteLine(Invariant($"RESULT name=email rate={rate:F1} ratio={ratio:F2}"));
        return Benchmark.Success;
    }

    /// <summary>Nothing is installed behind the operator's back: without postfix's test tools the benchmark says what to run.</summary>
    public static async Task<bool> PostfixToolsPresentAsync()
    {
        var missing = new[] { SmtpSinkServer.Executable, SmtpSource }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count == 0)
        {
            return true;
        }

        await Console.Error.WriteLineAsync($"email: {string.Join(" and ", missing)} missing; they come with Debian's postfix package:");
        await Console.Error.WriteLineAsync("  sudo apt-get install --no-install-recommends postfix");
        return false;
    }

    private sealed record Options(long Messages, int Connections, bool Keep);

    private sealed record SourceRun(TimeSpan Elapsed, TimeSpan SourceCpu, TimeSpan SinkCpu);

    private static async Task<SourceRun> SmtpSourceAsync(SmtpSinkServer sink, Options options, Func<TimeSpan> sinkCpu, CancellationToken cancellationToken)
    {
        Note(Invariant($"timing: smtp-source -d -s {options.Connections} -m {options.Messages} -l {ReferencePayloadBytes} to the same smtp-sink"));
        var before = sink.ReceivedCount;
        var sinkBefore = sinkCpu();
        var reapedBefore = CpuUsage.OfReapedChildren(Environment.ProcessId);

        // -d keeps each session for many messages, as the portal's pool does; smtp-source does not pipeline.
        var start = ProcessRunner.StartInfo(
            SmtpSource,
            ["-d", "-s", Num(options.Connections), "-m", Num(options.Messages), "-l", Num(ReferencePayloadBytes),
                "-f", NotificationCampaign.From, "-t", "camille.martin@example.fr", "-S", "Information importante", Invariant($"127.0.0.1:{sink.Port}")],
            Path.GetTempPath());
        var run = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(options.Messages / 500.0), cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"smtp-source failed ({run.Describe()}).");
        }

        // Every "." was answered before smtp-source ended; smtp-sink's counter line may still be on its way to us.
        var clock = Stopwatch.StartNew();
        while (sink.ReceivedCount - before < options.Messages && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, cancellationToken);
        }

        if (sink.ReceivedCount - before != options.Messages)
        {
            throw new BenchmarkFailedException(Invariant($"smtp-sink counted {sink.ReceivedCount - before} messages from smtp-source, not {options.Messages}."));
        }

        Note(Invariant($"  {run.Elapsed.TotalSeconds:N2} s"));
        return new SourceRun(run.Elapsed, CpuUsage.OfReapedChildren(Environment.ProcessId) - reapedBefore, sinkCpu() - sinkBefore);
    }

    private static Options? Parse(IReadOnlyList<string> arguments)
    {
        var given = new BenchmarkArguments(arguments);
        var options = new Options(given.Whole("--messages", DefaultMessages, 1, 10_000_000), (int)given.Whole("--connections", DefaultConnections, 1, 256), given.Flag("--keep"));
        return given.Understood ? options : null;
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Note(string message) => Console.WriteLine(message);
}
