using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Channels.Sms;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Notifications;

/// <summary>
/// An SMS campaign sent by the portal as a sending node to the tests' loopback SMS gateway (Kestrel, in this
/// process), against a plain HttpClient loop posting as many messages of the same shape to the same gateway with the
/// same concurrency: HTTP alone, without claims, rendering, rate limits or the ledger. Target (issue #5): at least
/// 2,000 SMS/s.
/// </summary>
internal static class SmsBenchmark
{
    public const string Usage = "sms [--messages N] [--concurrency C] [--keep]";

    private const long DefaultMessages = 100_000;
    private const int DefaultConcurrency = 128;
    private const string ReceiptSecret = "benchmark-receipt-secret-0123456789abcdef";
    private const string Sender = "AGENCE";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (Parse(arguments) is not { } options)
        {
            return await BenchmarkRun.UsageErrorAsync(Usage, $"defaults: --messages {DefaultMessages} --concurrency {DefaultConcurrency}, the dispatcher's SmsConcurrency");
        }

        await using var run = BenchmarkRun.Start(options.Keep);
        var work = run.Work;
        var postgres = await run.StartPostgresAsync(cancellationToken);
        var campaign = await NotificationCampaign.LaunchAsync(postgres, work, MessageChannel.Sms, options.Messages, cancellationToken);

        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: cancellationToken);
        Note($"SMS gateway on {gateway.BaseUrl} (this process)");

        // The first message is kept as the reference's sample; recording stops at once after it.
        gateway.RecordMessages = true;
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = StopRecordingAfterFirstAsync(gateway, stopSampling.Token);

        // The campaign's window (00:00-23:59, Paris) leaves out one minute a day: the node would send nothing in it.
        var paris = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        if (paris is { Hour: 23, Minute: 59 })
        {
            Note("waiting for midnight in Paris: the SMS window ends at 23:59");
            await Task.Delay(TimeSpan.FromSeconds(61 - paris.Second), cancellationToken);
        }

        await postgres.CheckpointAsync(cancellationToken);
        var accepted = gateway.Accepted;
        var ours = await NotificationCampaign.SendAsync(
            campaign,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Notifications__Dispatcher__Enabled"] = "true",
                ["Notifications__Dispatcher__SmsConcurrency"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
                ["Sms__Transport"] = "Gateway",
                ["Sms__Gateway__BaseUrl"] = gateway.BaseUrl,
                ["Sms__Gateway__Token"] = gateway.Token,
                ["Sms__Gateway__From"] = Sender,
                ["Sms__Gateway__ReceiptSecret"] = ReceiptSecret,
            },
            () => gateway.Accepted - accepted,
            [("gateway", () => CpuUsage.OfProcess(Environment.ProcessId))],
            cancellationToken);
        await stopSampling.CancelAsync();
        await sampling;
        if (gateway.Accepted - accepted != options.Messages || gateway.Refused > 0 || gateway.Duplicates > 0)
        {
            throw new BenchmarkFailedException(Invariant($"the gateway accepted {gateway.Accepted - accepted} messages for {options.Messages} ({gateway.Refused} refused, {gateway.Duplicates} duplicates)."));
        }

        var gatewayCount = gateway.Accepted - accepted;
        var recorded = gateway.Messages;
        var sample = recorded.Count > 0 ? recorded[0] : throw new BenchmarkFailedException("the gateway recorded no message to copy.");
        var reference = await PlainLoopAsync(gateway, sample, options, cancellationToken);

        var rate = options.Messages / ours.Elapsed.TotalSeconds;
        var referenceRate = options.Messages / reference.Elapsed.TotalSeconds;
        var ratio = rate / referenceRate;
        Console.WriteLine();
        Console.WriteLine(Invariant($"SMS             {options.Messages:N0} (one per person; the gateway accepted {gatewayCount:N0}), {options.Concurrency} in flight, text of {sample.Text.Length} characters"));
        NotificationCampaign.Report(ours, options.Messages, "SMS", "gateway");
        Console.WriteLine(Invariant($"plain loop      {reference.Elapsed.TotalSeconds:N2} s for {options.Messages:N0} POSTs of the same shape, {options.Concurrency} in flight: {referenceRate:N0}/s (CPU of this process, gateway included: {reference.Cpu.TotalSeconds:N1} s)"));
        Console.WriteLine(Invariant($"ratio           {ratio:N2} (portal rate / plain HttpClient loop rate)"));
        run.KeepIfAsked(campaign.Database);
        Console.WriteLine(Invariant($"RESULT name=sms rate={rate:F1} ratio={ratio:F2}"));
        return Benchmark.Success;
    }

    private sealed record Options(long Messages, int Concurrency, bool Keep);

    private sealed record LoopRun(TimeSpan Elapsed, TimeSpan Cpu);

    private static async Task StopRecordingAfterFirstAsync(TestSmsGateway gateway, CancellationToken stop)
    {
        try
        {
            while (gateway.Accepted == 0)
            {
                await Task.Delay(5, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended first (a failure): nothing to sample.
        }
        finally
        {
            gateway.RecordMessages = false;
        }
    }

    /// <summary>
    /// What the portal's gateway sender does for each SMS (the same JSON serializer, headers, connection pool and
    /// reading of the answer's id), in a loop over distinct references with the dispatcher's concurrency.
    /// </summary>
    private static async Task<LoopRun> PlainLoopAsync(TestSmsGateway gateway, GatewaySms sample, Options options, CancellationToken cancellationToken)
    {
        Note(Invariant($"timing: a plain HttpClient loop, {options.Concurrency} in flight, posting {options.Messages:N0} SMS to the same gateway"));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = new SmsGatewayOptions().MaxConnections, UseCookies = false, UseProxy = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var messages = GatewaySmsSender.MessagesUri(gateway.BaseUrl);
        var accepted = gateway.Accepted;
        var next = 0L;
        var cpuBefore = CpuUsage.OfProcess(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i <= options.Messages; i = Interlocked.Increment(ref next))
                {
                    var reference = Invariant($"LOOP-{i:D10}");
                    var body = JsonSerializer.SerializeToUtf8Bytes(new GatewayMessage(sample.To, sample.From, sample.Text, reference), SmsGatewayJson.Wire.GatewayMessage);
                    using var request = new HttpRequestMessage(HttpMethod.Post, messages) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", reference);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    var answer = await response.Content.ReadFromJsonAsync(SmsGatewayJson.Wire.GatewayAccepted, cancellationToken);
                    if (response.StatusCode != HttpStatusCode.Accepted || string.IsNullOrEmpty(answer?.Id))
                    {
                        throw new BenchmarkFailedException($"the gateway answered the plain loop {(int)response.StatusCode}.");
                    }
                }
            },
            cancellationToken)));
        clock.Stop();
        var cpu = CpuUsage.OfProcess(Environment.ProcessId) - cpuBefore;
        if (gateway.Accepted - accepted != options.Messages)
        {
            throw new BenchmarkFailedException(Invariant($"the gateway accepted {gateway.Accepted - accepted} messages of the plain loop's {options.Messages}."));
        }

        Note(Invariant($"  {clock.Elapsed.TotalSeconds:N2} s"));
        return new LoopRun(clock.Elapsed, cpu);
    }

    private static Options? Parse(IReadOnlyList<string> arguments)
    {
        var given = new BenchmarkArguments(arguments);
        var options = new Options(given.Whole("--messages", DefaultMessages, 1, 10_000_000), (int)given.Whole("--concurrency", DefaultConcurrency, 1, 1_024), given.Flag("--keep"));
        return given.Understood ? options : null;
    }

    private static void Note(string message) => Console.WriteLine(message);
}
