using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Notifications.Dispatch;

/// <summary>
/// Sending nodes as operators run them, killed and doubled: a campaign of thousands survives three SIGKILLs with
/// nothing lost (a resend after a kill carries its twin's Message-ID), and two nodes on one database send nothing twice.
/// </summary>
public sealed class DispatcherProcessFaultTests(PostgresServer server)
{
    private const int People = 1_500;

    // The single-threaded Python SMTP server takes ≈ 25 s for the campaign on a quiet machine, and several times
    // that with both cores busy. These tests are about exactly-once delivery, not speed: the bound only stops a
    // stuck run, within tools/test's hang limit.
    private static readonly TimeSpan CampaignEnd = TimeSpan.FromMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeSigkillsDuringACampaign_LoseNothing_AndEveryResendCarriesItsTwinsMessageId()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        var (portal, id, settings) = await PrepareAsync(smtp.Port, gateway);
        await using var _ = portal;

        for (var kill = 1; kill <= 3; kill++)
        {
            using var node = DispatcherProcess.Start(settings);
            var target = kill * People / 5;
            await WaitUntilAsync(() => CampaignEmails(smtp).Count >= target, node);
            node.Kill();
        }

        using (var last = DispatcherProcess.Start(settings))
        {
            await portal.WaitForCampaignAsync(id, CampaignStatus.Finished, CampaignEnd);
        }

        await using var db = portal.CreateDbContext();
        var ledger = await db.Set<Message>().Where(m => m.CampaignId == id).ToListAsync(Ct);
        Assert.Equal(People, ledger.Count);
        Assert.All(ledger, m => Assert.Equal(MessageStatus.Sent, m.Status));

        var received = CampaignEmails(smtp).Select(m => m.Header("Message-ID")).ToList();
        var expected = ledger.Select(m => $"<{m.ReferenceCode}@agence.example>").ToHashSet(StringComparer.Ordinal);
        Assert.Subset(received.ToHashSet(StringComparer.Ordinal), expected);
        Assert.Superset(expected, received.ToHashSet(StringComparer.Ordinal));
        var twins = received.Count - received.Distinct(StringComparer.Ordinal).Count();
        TestContext.Current.TestOutputHelper?.WriteLine($"{received.Count} emails received for {People} messages; {twins} resent after a kill, each with its twin's Message-ID.");
    }

    [Fact]
    public async Task TwoNodesOnOneDatabase_SendEachMessageOnce()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        var (portal, id, settings) = await PrepareAsync(smtp.Port, gateway);
        await using var _ = portal;

        // A lease well above the slowest send to this single-threaded server: a send outlasting its lease is the one
        // case where two nodes may both send (and then with the same Message-ID).
        settings["Notifications:Dispatcher:Lease"] = "00:00:15";
        using (var first = DispatcherProcess.Start(settings))
        using (var second = DispatcherProcess.Start(settings))
        {
            await portal.WaitForCampaignAsync(id, CampaignStatus.Finished, CampaignEnd);
        }

        var received = CampaignEmails(smtp).Select(m => m.Header("Message-ID")).ToList();
        Assert.Equal(People, received.Count);
        Assert.Equal(People, received.Distinct(StringComparer.Ordinal).Count());
        await using var db = portal.CreateDbContext();
        Assert.Equal(People, await db.Set<Message>().CountAsync(m => m.CampaignId == id && m.Status == MessageStatus.Sent, Ct));
    }

    private async Task<(SendingPortal Portal, int CampaignId, Dictionary<string, string?> Settings)> PrepareAsync(int smtpPort, TestSmsGateway gateway)
    {
        // The test's own portal writes the campaign but does not send: the nodes under test do.
        var portal = await SendingPortal.StartAsync(server, smtpPort, gateway, new Dictionary<string, string?> { ["Notifications:Dispatcher:Enabled"] = "false" });
        await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", People, phone: null);
        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Noeuds", Policy = ChannelPolicy.Email, EmailsPerSecond = 400 });
        var settings = SendingPortal.Settings(portal.ConnectionString, smtpPort, gateway);
        settings["Notifications:Dispatcher:Lease"] = "00:00:03";
        return (portal, id, settings);
    }

    private static List<AiosmtpdMessage> CampaignEmails(AiosmtpdServer smtp) =>
        [.. smtp.Messages.Where(m => m.Recipients.All(r => r.EndsWith("@example.fr", StringComparison.Ordinal)))];

    private static async Task WaitUntilAsync(Func<bool> condition, DispatcherProcess node)
    {
        await Eventually.WaitAsync(() => condition() || node.HasExited, met => met, _ => $"The condition was not met. Node output:\n{node.Output}", CampaignEnd);
        Assert.False(node.HasExited, $"The node stopped by itself. Node output:\n{node.Output}");
    }
}
