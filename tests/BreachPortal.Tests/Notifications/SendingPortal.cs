using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Dispatch;
using BreachPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BreachPortal.Tests.Notifications;

/// <summary>
/// A portal whose dispatcher is on, on a database of its own, sending email to a real SMTP server and SMS to the
/// loopback gateway, with short leases and back-off so faults play out within a test.
/// </summary>
internal sealed class SendingPortal : IAsyncDisposable
{
    public const string ReceiptSecret = "receipt-secret-for-tests-0123456789abcdef";
    public const string From = "notification@agence.example";

    private SendingPortal(PortalFactory factory) => Factory = factory;

    public PortalFactory Factory { get; }

    public string ConnectionString => Factory.ConnectionString;

    public static Dictionary<string, string?> Settings(string connectionString, int smtpPort, TestSmsGateway gateway) => new()
    {
        ["ConnectionStrings:Portal"] = connectionString,
        ["Email:Transport"] = "Smtp",
        ["Email:From"] = From,
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:StartTls"] = "false",
        ["Email:Smtp:TimeoutSeconds"] = "5",
        ["Sms:Transport"] = "Gateway",
        ["Sms:Gateway:BaseUrl"] = gateway.BaseUrl,
        ["Sms:Gateway:Token"] = gateway.Token,
        ["Sms:Gateway:From"] = "AGENCE",
        ["Sms:Gateway:ReceiptSecret"] = ReceiptSecret,
        ["Notifications:Dispatcher:Enabled"] = "true",
        ["Notifications:Dispatcher:Lease"] = "00:00:05",
        ["Notifications:Dispatcher:BackoffBase"] = "00:00:01",
        ["Notifications:Dispatcher:BackoffMax"] = "00:00:04",
        ["Notifications:Dispatcher:PollInterval"] = "00:00:00.100",
        ["Notifications:Dispatcher:Maintenance"] = "00:00:01",
        ["Notifications:Dispatcher:Heartbeat"] = "00:00:01",
    };

    public static async Task<SendingPortal> StartAsync(PostgresServer server, int smtpPort, TestSmsGateway gateway, IReadOnlyDictionary<string, string?>? overrides = null) =>
        new(await PortalFactory.StartAsync(server, factory => factory
            .Set(Settings(factory.ConnectionString, smtpPort, gateway))
            .Set(overrides ?? new Dictionary<string, string?>())));

    public PortalDbContext CreateDbContext() => Factory.CreateDbContext();

    public DispatcherService Dispatcher => Factory.Services.GetServices<IHostedService>().OfType<DispatcherService>().Single();

    /// <summary>
    /// Waits until the dispatcher has gone round its claim loop <paramref name="rounds"/> more times: what a test
    /// that something is <em>not</em> sent waits for, instead of a fixed time.
    /// </summary>
    public async Task WaitForDispatcherRoundsAsync(int rounds = 3)
    {
        var target = Dispatcher.ClaimRounds + rounds;
        await Eventually.UntilAsync(() => Dispatcher.ClaimRounds >= target, $"The dispatcher did not go round its loop {rounds} more times");
    }

    /// <summary>Creates, approves (by a second Operator) and starts a campaign.</summary>
    public async Task<int> LaunchAsync(CampaignDraft draft)
    {
        var creator = await TestStaff.CreateAsync(Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(Factory, StaffRoles.Operator);
        await using var scope = Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var created = await campaigns.CreateAsync(draft, LookupPeople.ActorOf(creator), TestContext.Current.CancellationToken);
        Assert.True(created.Succeeded, created.Message);
        Assert.True((await campaigns.ApproveAsync(created.Campaign!.Id, LookupPeople.ActorOf(approver), TestContext.Current.CancellationToken)).Succeeded);
        var started = await campaigns.StartAsync(created.Campaign.Id, LookupPeople.ActorOf(creator), null, TestContext.Current.CancellationToken);
        Assert.True(started.Succeeded, started.Message);
        return created.Campaign.Id;
    }

    /// <summary>Waits until the campaign has the status, failing the test after <paramref name="ceiling"/> (<see cref="Eventually.Ceiling"/>).</summary>
    public async Task WaitForCampaignAsync(int campaignId, CampaignStatus status, TimeSpan? ceiling = null)
    {
        var reached = await Eventually.WaitAsync(
            async cancellationToken =>
            {
                await using var db = CreateDbContext();
                return await db.Set<Campaign>().Where(c => c.Id == campaignId).Select(c => c.Status).SingleAsync(cancellationToken);
            },
            current => current == status,
            current => $"Campaign {campaignId} is {current}, not {status}; messages (channel:status=count): {MessageCounts(campaignId)}",
            ceiling);
        Assert.Equal(status, reached);
    }

    private string MessageCounts(int campaignId)
    {
        using var db = CreateDbContext();
        return string.Join(", ", db.Database.SqlQueryRaw<string>(
            "SELECT channel || ':' || status || '=' || count(*) AS \"Value\" FROM messages WHERE campaign_id = {0} GROUP BY channel, status",
            campaignId).ToList());
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
