using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Campaigns;

/// <summary>The progress figures against a ledger whose statuses the test wrote itself.</summary>
public sealed class CampaignProgressReportTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Report_CountsEveryStatusPerChannel_AndTheShareDoneRateAndRecentFailures()
    {
        var now = DateTimeOffset.UtcNow;
        var (campaign, _) = await ProgressLedger.MixedCampaignAsync(app, now);

        var report = await ReportAsync(campaign, now);

        var email = report.Channel(MessageChannel.Email);
        Assert.Equal(4, email.Count(MessageStatus.Sent));
        Assert.Equal(2, email.Count(MessageStatus.Delivered));
        Assert.Equal(2, email.Count(MessageStatus.PermanentFailure));
        Assert.Equal(1, email.Count(MessageStatus.TemporaryFailure));
        Assert.Equal(1, email.Count(MessageStatus.Created));
        Assert.Equal((10, 8, 2), (email.Total, email.Done, email.Open));
        var sms = report.Channel(MessageChannel.Sms);
        Assert.Equal(1, sms.Count(MessageStatus.TechnicalFailure));
        Assert.Equal(1, sms.Count(MessageStatus.PermanentFailure));
        Assert.Equal(1, sms.Count(MessageStatus.Cancelled));
        Assert.Equal(7, sms.Count(MessageStatus.Created));
        Assert.Equal((10, 3, 7), (sms.Total, sms.Done, sms.Open));
        Assert.Equal((20, 11, 9), (report.Total, report.Done, report.Open));
        Assert.Equal(0.55, report.ShareDone!.Value, 6);
        Assert.Equal((11L, 1L), (report.PeopleCount!.Value, report.UnreachableCount!.Value));
        Assert.True(report.LedgerComplete);

        // Six emails reached sent or a final status in the last minute (the two sent two minutes ago do not count);
        // no SMS did (a cancellation sends nothing, the failures are hours old).
        Assert.Equal(0.1, email.PerSecond, 6);
        Assert.Equal(0, sms.PerSecond);
        Assert.Equal(TimeSpan.FromSeconds(20), email.TimeLeft);
        Assert.Null(report.TimeLeft);

        Assert.Equal(
            [
                (MessageChannel.Email, MessageStatus.PermanentFailure, "smtp-550", 2L, true),
                (MessageChannel.Sms, MessageStatus.TechnicalFailure, "http-500", 1L, true),
                (MessageChannel.Email, MessageStatus.TemporaryFailure, "smtp-421", 1L, false),
            ],
            report.RecentFailures.Select(f => (f.Channel, f.Status, f.Reason, f.Count, f.LastAt.HasValue)));
        Assert.Equal(now.AddSeconds(-20).ToUnixTimeSeconds(), report.RecentFailures[0].LastAt!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task TimeLeft_IsTheSlowestChannelsOpenMessagesOverItsRate_AndUnknownWhileTheLedgerIsWritten()
    {
        var now = DateTimeOffset.UtcNow;
        var (campaign, _) = await ProgressLedger.MixedCampaignAsync(app, now);
        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Sms, 4, 4, MessageStatus.Sent, now, sentAgo: 30);

        var report = await ReportAsync(campaign, now);

        // SMS: 6 open at 1 a minute; email: 2 open at 0.1 a second.
        Assert.Equal(TimeSpan.FromSeconds(360), report.Channel(MessageChannel.Sms).TimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(360), report.TimeLeft);

        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE campaigns SET ledger_complete = false WHERE id = {campaign}", Ct);
        }

        var writing = await ReportAsync(campaign, now);
        Assert.False(writing.LedgerComplete);
        Assert.Null(writing.TimeLeft);
        Assert.Equal(20, writing.Total);
    }

    [Fact]
    public async Task Rate_InTheFirstMinuteAfterLaunch_IsOverTheTimeSinceLaunch()
    {
        // Whole seconds: the database keeps microseconds, and the window is measured from the stored launch time.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var (campaign, _) = await ProgressLedger.RunningCampaignAsync(app, ChannelPolicy.Email, people: 4);
        await ProgressLedger.StartedAsync(app, campaign, now, secondsAgo: 20);
        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Email, 1, 2, MessageStatus.Sent, now, sentAgo: 10);

        var report = await ReportAsync(campaign, now);

        Assert.Equal(0.1, report.PerSecond, 6);
        Assert.Equal(TimeSpan.FromSeconds(20), report.TimeLeft);
        Assert.Equal(0.5, report.ShareDone!.Value, 6);
    }

    [Fact]
    public async Task Report_OfAnUnknownCampaign_IsNull()
    {
        Assert.Null(await ReportAsync(int.MaxValue, DateTimeOffset.UtcNow, expectFound: false));
    }

    private async Task<CampaignProgressReport> ReportAsync(int campaign, DateTimeOffset now, bool expectFound = true)
    {
        var report = await app.Factory.Services.GetRequiredService<CampaignProgress>().ReportAsync(campaign, now, Ct);
        Assert.Equal(expectFound, report is not null);
        return report!;
    }
}

/// <summary>Campaigns whose ledger statuses a progress test sets directly in SQL.</summary>
internal static class ProgressLedger
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A running campaign (policy both) for 10 people with email and mobile plus 1 without contact, launched an hour
    /// ago. Email: 4 sent (2 ten seconds ago, 2 two minutes ago), 2 delivered (sent 30 s ago), 2 permanent failures
    /// smtp-550 (20 s ago), 1 temporary failure smtp-421, 1 created. SMS: 1 technical failure http-500 (3 h ago),
    /// 1 permanent failure 25 h ago, 1 cancelled 5 s ago, 7 created.
    /// </summary>
    public static async Task<(int Campaign, IReadOnlyList<NotifiedPerson> People)> MixedCampaignAsync(PortalApp app, DateTimeOffset now)
    {
        var (campaign, people) = await RunningCampaignAsync(app, ChannelPolicy.Both, people: 10, withoutContact: 1);
        await StartedAsync(app, campaign, now, secondsAgo: 3600);
        await SetAsync(app, campaign, MessageChannel.Email, 1, 2, MessageStatus.Sent, now, sentAgo: 10);
        await SetAsync(app, campaign, MessageChannel.Email, 3, 4, MessageStatus.Sent, now, sentAgo: 120);
        await SetAsync(app, campaign, MessageChannel.Email, 5, 6, MessageStatus.Delivered, now, sentAgo: 30, completedAgo: 5);
        await SetAsync(app, campaign, MessageChannel.Email, 7, 8, MessageStatus.PermanentFailure, now, completedAgo: 20, reason: "smtp-550");
        await SetAsync(app, campaign, MessageChannel.Email, 9, 9, MessageStatus.TemporaryFailure, now, reason: "smtp-421");
        await SetAsync(app, campaign, MessageChannel.Sms, 1, 1, MessageStatus.TechnicalFailure, now, completedAgo: 3 * 3600, reason: "http-500");
        await SetAsync(app, campaign, MessageChannel.Sms, 2, 2, MessageStatus.PermanentFailure, now, completedAgo: 25 * 3600, reason: "gateway-refused");
        await SetAsync(app, campaign, MessageChannel.Sms, 3, 3, MessageStatus.Cancelled, now, completedAgo: 5);
        return (campaign, people);
    }

    /// <summary>A running campaign with its ledger written, and the people with contacts it concerns.</summary>
    /// <param name="app">The portal.</param>
    /// <param name="policy">The channels.</param>
    /// <param name="people">How many people with an email and a mobile.</param>
    /// <param name="withoutContact">How many people without any.</param>
    /// <param name="name">The campaign's name.</param>
    public static async Task<(int Campaign, IReadOnlyList<NotifiedPerson> People)> RunningCampaignAsync(PortalApp app, ChannelPolicy policy, int people, int withoutContact = 0, string name = "Notification individuelle")
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        var imported = await NotificationPeople.ImportAsync(app.Factory, incident, people, email: true, phone: "mobile");
        if (withoutContact > 0)
        {
            await NotificationPeople.ImportAsync(app.Factory, incident, withoutContact, email: false, phone: null);
        }

        var creator = LookupPeople.ActorOf(await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator));
        var approver = LookupPeople.ActorOf(await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var created = await campaigns.CreateAsync(new CampaignDraft { IncidentReference = incident, Name = name, Policy = policy }, creator, Ct);
        Assert.True(created.Succeeded, created.Message);
        Assert.True((await campaigns.ApproveAsync(created.Campaign!.Id, approver, Ct)).Succeeded);
        var started = await campaigns.StartAsync(created.Campaign.Id, creator, null, Ct);
        Assert.True(started.Succeeded, started.Message);
        return (started.Campaign!.Id, imported);
    }

    public static async Task<int> IncidentOfAsync(PortalApp app, int campaign)
    {
        await using var db = app.CreateDbContext();
        return await db.Database.SqlQuery<int>($"SELECT incident_id AS \"Value\" FROM campaigns WHERE id = {campaign}").SingleAsync(Ct);
    }

    public static async Task StartedAsync(PortalApp app, int campaign, DateTimeOffset now, int secondsAgo)
    {
        await using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE campaigns SET started_at = {now.AddSeconds(-secondsAgo)} WHERE id = {campaign}", Ct);
    }

    /// <summary>Sets the status of the campaign's messages of a channel numbered <paramref name="from"/> to <paramref name="to"/> (1-based, by id).</summary>
    /// <param name="app">The portal.</param>
    /// <param name="campaign">The campaign.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="from">The first message.</param>
    /// <param name="to">The last message.</param>
    /// <param name="status">Their new status.</param>
    /// <param name="now">The test's clock.</param>
    /// <param name="sentAgo">Seconds before now they were sent; null: never.</param>
    /// <param name="completedAgo">Seconds before now they were delivered or failed for good; null: not yet.</param>
    /// <param name="reason">Their failure reason.</param>
    public static async Task SetAsync(PortalApp app, int campaign, MessageChannel channel, int from, int to, MessageStatus status, DateTimeOffset now, int? sentAgo = null, int? completedAgo = null, string? reason = null)
    {
        static string At(int? ago) => ago is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"@now - interval '{seconds} seconds'") : "NULL";
        var sql = string.Create(
            CultureInfo.InvariantCulture,
            $"""
            WITH ranked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM messages WHERE campaign_id = {campaign} AND channel = {(short)channel})
            UPDATE messages m SET status = {(short)status}, sent_at = {At(sentAgo)}, completed_at = {At(completedAgo)}, failure_reason = @reason
            FROM ranked r WHERE m.id = r.id AND r.n BETWEEN {from} AND {to}
            """);
        await using var db = app.CreateDbContext();
        var changed = await db.Database.ExecuteSqlRawAsync(
            sql,
            [new NpgsqlParameter("now", now), new NpgsqlParameter("reason", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)reason ?? DBNull.Value }],
            Ct);
        Assert.Equal(to - from + 1, changed);
    }
}
