using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications.Campaigns;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Ledger;

/// <summary>
/// A portal whose every ledger counts as large: its people are counted again by the upkeep only, in parts of two
/// person ids with a rest after each (so that a ledger of a few people is counted in several parts that must add up).
/// </summary>
public sealed class LargeLedgerPortal(PostgresServer server) : PortalApp(server)
{
    protected override void Configure(PortalFactory factory) =>
        factory.Set(new Dictionary<string, string?>
        {
            ["Notifications:PeopleCounts:LiveLimit"] = "0",
            ["Notifications:PeopleCounts:CountPart"] = "2",
            ["Notifications:PeopleCounts:RecountShare"] = "0.5",
        });
}

/// <summary>
/// The distinct people of an incident's ledger, counted from the rows and kept: exact while the tallies hold still,
/// shown with their time when a large ledger moved, and counted again by the upkeep.
/// </summary>
public sealed class LedgerPeopleTests(LargeLedgerPortal app) : IClassFixture<LargeLedgerPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LedgerPeople People => app.Factory.Services.GetRequiredService<LedgerPeople>();

    [Fact]
    public async Task ALargeLedgerThatMoved_ShowsItsLastCount_UntilTheUpkeepCountsAgain()
    {
        var now = DateTimeOffset.UtcNow;
        var (campaign, _) = await ProgressLedger.RunningCampaignAsync(app, ChannelPolicy.Both, people: 4);
        var incident = await ProgressLedger.IncidentOfAsync(app, campaign);

        var first = await ReadAsync(incident, now);
        Assert.True(first.Current);
        Assert.Equal((4L, 0L), (first.WithMessage, first.Informed));
        Assert.True((await ReadAsync(incident, now.AddMinutes(1))).Current);

        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Email, 1, 2, MessageStatus.Sent, now, sentAgo: 5);
        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Sms, 1, 1, MessageStatus.Delivered, now, sentAgo: 5, completedAgo: 1);
        var moved = await ReadAsync(incident, now.AddMinutes(1));
        Assert.False(moved.Current);
        Assert.Equal(first.CountedAt, moved.CountedAt);
        Assert.Equal(0, moved.Informed);

        // Not yet due: counted less than RecountEvery ago. (The class's other incidents may be counted too.)
        await People.RecountStaleAsync(now.AddMinutes(1), Ct);
        Assert.False((await ReadAsync(incident, now.AddMinutes(1))).Current);
        Assert.True(await People.RecountStaleAsync(now.AddMinutes(10), Ct) >= 1);

        var counted = await ReadAsync(incident, now.AddMinutes(11));
        Assert.True(counted.Current);
        Assert.Equal(now.AddMinutes(10).ToUnixTimeMilliseconds(), counted.CountedAt.ToUnixTimeMilliseconds());
        Assert.Equal((4L, 2L), (counted.WithMessage, counted.Informed));
        Assert.Equal(new LedgerPeopleChannel(MessageChannel.Email, 4, 2, 0), counted.Channel(MessageChannel.Email));
        Assert.Equal(new LedgerPeopleChannel(MessageChannel.Sms, 4, 1, 1), counted.Channel(MessageChannel.Sms));
    }

    [Fact]
    public async Task TheEvidencePage_SaysWhenItsPeopleFiguresWereCounted_AndThatMessagesWentOutSince()
    {
        var now = DateTimeOffset.UtcNow;
        var (campaign, _) = await ProgressLedger.RunningCampaignAsync(app, ChannelPolicy.Email, people: 2);
        var reference = await ReferenceOfAsync(campaign);
        var liaison = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        var quiet = await liaison.GetStringAsync($"/staff/authority/{reference}/art34", Ct);
        Assert.Contains("rien n’y a changé depuis", new HtmlPage(quiet).Text, StringComparison.Ordinal);

        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Email, 1, 1, MessageStatus.Sent, now, sentAgo: 5);
        var response = await liaison.GetAsync($"/staff/authority/{reference}/art34", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = new HtmlPage(await response.Content.ReadAsStringAsync(Ct)).Text;
        Assert.Contains("Des envois ont eu lieu depuis : ces deux chiffres sont recomptés toutes les 5 minutes", moved, StringComparison.Ordinal);
    }

    private async Task<LedgerPeopleFigures> ReadAsync(int incident, DateTimeOffset now)
    {
        await using var connection = await app.Factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(Ct);
        return await People.ReadAsync(connection, incident, now, Ct);
    }

    private async Task<string> ReferenceOfAsync(int campaign)
    {
        await using var db = app.CreateDbContext();
        return await db.Database.SqlQuery<string>($"SELECT i.reference AS \"Value\" FROM campaigns c JOIN incidents i ON i.id = c.incident_id WHERE c.id = {campaign}").SingleAsync(Ct);
    }
}
