using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Checks.Codes;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Notifications.Dispatch;

/// <summary>
/// A one-time code does not wait for the dispatcher's next poll: here the poll is an hour away, so a code that
/// arrives at all was claimed because its writer woke the dispatcher.
/// </summary>
public sealed class PriorityWakeUpTests(PostgresServer server)
{
    private static readonly Dictionary<string, string?> HourlyPoll = new() { ["Notifications:Dispatcher:PollInterval"] = "01:00:00" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACodeFromTheCheckWorker_WakesAnIdleDispatcher()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway, HourlyPoll);
        var person = (await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 1, phone: null, emailDomain: "wake-up.example")).Single();
        await Eventually.UntilAsync(() => portal.Dispatcher.ClaimRounds >= 1, "The dispatcher did not look at the ledger once");

        var index = portal.Factory.Services.GetRequiredService<BlindIndex>().Compute(BlindIndexKind.Email, EmailAddress.BlindIndexForm(person.Email!));
        portal.Factory.Services.GetRequiredService<CheckRequests>().Enqueue(new CheckRequest(BlindIndexKind.Email, index, "fr"));

        await Eventually.UntilAsync(() => smtp.Messages.Any(m => m.Subject == "Votre code de vérification"), "The code waited for the dispatcher's poll");
        Assert.Equal(person.Email, Assert.Single(Assert.Single(smtp.Messages).Recipients));
    }

    [Fact]
    public async Task ACodeEnqueuedDirectly_WakesAnIdleDispatcher()
    {
        await using var smtp = await SmtpSinkServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway, HourlyPoll);
        var person = (await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 1, email: false)).Single();
        await Eventually.UntilAsync(() => portal.Dispatcher.ClaimRounds >= 1, "The dispatcher did not look at the ledger once");

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var reference = await scope.ServiceProvider.GetRequiredService<PriorityMessages>().EnqueueAsync(person.Id, MessageChannel.Sms, "fr", null, "123456 est votre code.", Ct);

        await Eventually.UntilAsync(() => gateway.Messages.Any(m => m.Reference == reference), "The code waited for the dispatcher's poll");
    }

    [Fact]
    public async Task AnAnnouncement_CompletesTheWaitTakenBeforeIt_AndOnlyThatOne()
    {
        var arrivals = new PriorityArrivals();
        var before = arrivals.Next;

        arrivals.Announce();

        await PriorityArrivals.WaitAsync(before, TimeSpan.FromHours(1), TimeProvider.System, Ct);
        Assert.True(before.IsCompleted);
        Assert.False(arrivals.Next.IsCompleted);
    }

    [Fact]
    public async Task WithoutAnnouncement_TheWaitEndsWithThePause()
    {
        var arrivals = new PriorityArrivals();

        await PriorityArrivals.WaitAsync(arrivals.Next, TimeSpan.FromMilliseconds(1), TimeProvider.System, Ct);

        Assert.False(arrivals.Next.IsCompleted);
    }
}
