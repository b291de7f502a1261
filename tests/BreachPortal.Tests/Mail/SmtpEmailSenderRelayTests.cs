using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Mail;

namespace BreachPortal.Tests.Mail;

/// <summary>The pool against postfix's smtp-sink: volume, refusals, and a relay that goes away.</summary>
public sealed class SmtpEmailSenderRelayTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_ToSmtpSink_PipelinesAndDeliversTheEnvelope()
    {
        await using var sink = await SmtpSinkServer.StartAsync(new SmtpSinkSettings { Dump = true }, Token);
        var logs = new CapturingLoggerProvider();
        await using var sender = SmtpEmailSenderTests.CreateSender(sink.Port, logs: logs);

        for (var i = 0; i < 5; i++)
        {
            await sender.SendAsync(new EmailMessage($"agent{i}@agence.example", "Test", ".début\nfin"), Token);
        }

        Assert.True(await sink.WaitForReceivedAsync(5, Eventually.Ceiling, Token));
        var messages = sink.DumpedMessages();
        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.Equal("<console@agence.example>", m.MailFrom));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"<agent{i}@agence.example>").Order(), messages.Select(m => Assert.Single(m.Recipients)).Order());
        Assert.All(messages, m => Assert.Contains("\n.d=C3=A9but\nfin", m.Content, StringComparison.Ordinal));
        Assert.Equal(1, sender.ConnectionsOpened);
        Assert.Contains(logs.Entries, e => e.Message.Contains("pipelining: True", StringComparison.Ordinal));
    }

    [Theory(Timeout = 20_000)]
    [InlineData("MAIL", false, 450)]
    [InlineData("RCPT", false, 450)]
    [InlineData("DATA", false, 450)]
    [InlineData(".", false, 450)]
    [InlineData("MAIL", true, 500)]
    [InlineData("RCPT", true, 500)]
    [InlineData("DATA", true, 500)]
    [InlineData(".", true, 500)]
    public async Task SendAsync_RelayRefuses_ThrowsRejectionWithTheCodeAndReusesTheSession(string command, bool permanent, int code)
    {
        var settings = permanent ? new SmtpSinkSettings { HardReject = [command] } : new SmtpSinkSettings { SoftReject = [command] };
        await using var sink = await SmtpSinkServer.StartAsync(settings, Token);
        await using var sender = SmtpEmailSenderTests.CreateSender(sink.Port);

        for (var i = 0; i < 3; i++)
        {
            var refused = await Assert.ThrowsAsync<EmailRejectedException>(() =>
                sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token));

            Assert.Equal(code, refused.ReplyCode);
            Assert.Equal(permanent, refused.IsPermanent);
        }

        Assert.Equal(1, sender.ConnectionsOpened);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_RelayAnswers421_ThrowsTransientRejectionAndOpensANewSessionNextTime()
    {
        await using var sink = await SmtpSinkServer.StartAsync(new SmtpSinkSettings { Reply421 = ["RCPT"] }, Token);
        await using var sender = SmtpEmailSenderTests.CreateSender(sink.Port);

        for (var i = 0; i < 2; i++)
        {
            var refused = await Assert.ThrowsAsync<EmailRejectedException>(() =>
                sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token));
            Assert.Equal(421, refused.ReplyCode);
            Assert.False(refused.IsPermanent);
        }

        Assert.Equal(2, sender.ConnectionsOpened);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_MoreMessagesThanASessionMayCarry_OpensNewSessions()
    {
        await using var sink = await SmtpSinkServer.StartAsync(cancellationToken: Token);
        await using var sender = SmtpEmailSenderTests.CreateSender(sink.Port, o => o.Smtp.MaxMessagesPerConnection = 5);

        for (var i = 0; i < 12; i++)
        {
            await sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token);
        }

        Assert.True(await sink.WaitForReceivedAsync(12, Eventually.Ceiling, Token));
        Assert.Equal(3, sender.ConnectionsOpened);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_2000MessagesFrom64Callers_AllArriveThroughAtMost16Sessions()
    {
        await using var sink = await SmtpSinkServer.StartAsync(cancellationToken: Token);
        await using var sender = SmtpEmailSenderTests.CreateSender(sink.Port);
        var next = 0;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(
            async () =>
            {
                while (Interlocked.Increment(ref next) <= 2000)
                {
                    await sender.SendAsync(new EmailMessage("agent@agence.example", "Votre notification", "Bonjour,\nvoici votre notification.") { HtmlBody = "<p>Bonjour</p>" }, Token);
                }
            },
            Token)));

        Assert.True(await sink.WaitForReceivedAsync(2000, Eventually.Ceiling, Token), $"smtp-sink counted {sink.ReceivedCount} of 2000");
        Assert.Equal(2000, sink.ReceivedCount);
        Assert.InRange(sender.ConnectionsOpened, 1, 16);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendAsync_RelayKilledMidStream_FailsWithIOExceptionAndRecoversWhenItIsBack()
    {
        await using var sink = await SmtpSinkServer.StartAsync(cancellationToken: Token);
        await using var sender = SmtpEmailSenderTests.CreateSender(sink.Port, o => o.Smtp.MaxConnections = 8);
        var sent = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var stopSending = new CancellationTokenSource();

        var senders = Enumerable.Range(0, 8).Select(_ => Task.Run(
            async () =>
            {
                while (!stopSending.IsCancellationRequested)
                {
                    try
                    {
                        await sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token);
                        Interlocked.Increment(ref sent);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        failures.Add(exception);
                        await Task.Delay(10, Token);
                    }
                }
            },
            Token)).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref sent) >= 200);
        sink.Stop();
        await WaitUntilAsync(() => failures.Count >= 20);
        await sink.StartAsync(Token);
        var failedBeforeRestart = failures.Count;
        var sentBeforeRestart = Volatile.Read(ref sent);
        await WaitUntilAsync(() => Volatile.Read(ref sent) >= sentBeforeRestart + 200);
        await stopSending.CancelAsync();
        await Task.WhenAll(senders);

        Assert.All(failures, f => Assert.IsType<IOException>(f));
        Assert.InRange(failures.Count - failedBeforeRestart, 0, 8);
        Assert.True(await sink.WaitForReceivedAsync(Volatile.Read(ref sent), Eventually.Ceiling, Token));
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.UntilAsync(condition, "The sender did not get there");
}
