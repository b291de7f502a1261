using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Notifications.Dispatch;

/// <summary>What `tools/run` gives a newcomer: the dispatcher on, email and SMS kept in memory and shown at /dev/mailbox.</summary>
public sealed class DevelopmentSinksTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InDevelopment_ACampaignsEmailsAndSms_CanBeReadInTheDevMailbox()
    {
        await using var factory = await PortalFactory.StartAsync(server, portal => portal.Set(new Dictionary<string, string?>
        {
            ["Notifications:Dispatcher:Enabled"] = "true",
            ["Notifications:Dispatcher:PollInterval"] = "00:00:00.100",
            ["Notifications:Dispatcher:Maintenance"] = "00:00:01",
        }));
        var connectionString = factory.ConnectionString;

        await NotificationPeople.ImportAsync(factory, "PE-2023-08", 2);
        var creator = await TestStaff.CreateAsync(factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(factory, StaffRoles.Operator);
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
            var draft = new CampaignDraft { IncidentReference = "PE-2023-08", Name = "Démo", Policy = ChannelPolicy.Both, SmsWindowStart = TimeOnly.MinValue, SmsWindowEnd = TimeOnly.MaxValue };
            id = (await campaigns.CreateAsync(draft, LookupPeople.ActorOf(creator), Ct)).Campaign!.Id;
            Assert.True((await campaigns.ApproveAsync(id, LookupPeople.ActorOf(approver), Ct)).Succeeded);
            Assert.True((await campaigns.StartAsync(id, LookupPeople.ActorOf(creator), null, Ct)).Succeeded);
        }

        var messages = await Eventually.WaitAsync(
            async cancellationToken =>
            {
                await using var db = PostgresServer.CreateContext(connectionString);
                return await db.Set<Message>().Where(m => m.CampaignId == id).ToListAsync(cancellationToken);
            },
            messages => messages.Count == 4 && messages.All(m => m.Status == MessageStatus.Sent),
            messages => $"{messages.Count(m => m.Status == MessageStatus.Sent)} of {messages.Count} messages sent");

        Assert.Equal(4, messages.Count);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        var page = await factory.CreateClient().GetStringAsync(new Uri("/dev/mailbox", UriKind.Relative), Ct);
        Assert.All(messages, m => Assert.Contains(m.ReferenceCode, page, StringComparison.Ordinal));
    }
}
