using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Notifications.Campaigns;

/// <summary>
/// The campaign's rules through the service layer, on a real database: four eyes, guarded transitions, and the
/// ledger written at launch (one row per person × channel, unreachable people counted, nothing twice).
/// </summary>
public sealed class CampaignServiceTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCreator_CannotApprove_AnotherOperatorCan_AndACnilLiaisonCannotStart()
    {
        var (creator, approver) = await OperatorsAsync();
        var liaison = await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();

        var created = await campaigns.CreateAsync(Draft(ChannelPolicy.Email), LookupPeople.ActorOf(creator), Ct);
        Assert.True(created.Succeeded, created.Message);
        var id = created.Campaign!.Id;

        var self = await campaigns.ApproveAsync(id, LookupPeople.ActorOf(creator), Ct);
        Assert.Equal(CampaignProblem.SameStaffCannotApprove, self.Problem);
        var byLiaison = await campaigns.ApproveAsync(id, LookupPeople.ActorOf(liaison), Ct);
        Assert.Equal(CampaignProblem.StaffNotOperator, byLiaison.Problem);
        var early = await campaigns.StartAsync(id, LookupPeople.ActorOf(approver), null, Ct);
        Assert.Equal(CampaignProblem.WrongStatus, early.Problem);

        var approved = await campaigns.ApproveAsync(id, LookupPeople.ActorOf(approver), Ct);
        Assert.True(approved.Succeeded, approved.Message);
        Assert.Equal(CampaignStatus.Approved, approved.Campaign!.Status);
        Assert.Equal(approver.Id, approved.Campaign.ApprovedBy);
        var twice = await campaigns.ApproveAsync(id, LookupPeople.ActorOf(approver), Ct);
        Assert.Equal(CampaignProblem.WrongStatus, twice.Problem);

        var startByLiaison = await campaigns.StartAsync(id, LookupPeople.ActorOf(liaison), null, Ct);
        Assert.Equal(CampaignProblem.StaffNotOperator, startByLiaison.Problem);

        await using var db = app.CreateDbContext();
        var events = await db.Set<AuditEvent>().Where(e => e.SubjectType == AuditSubjects.Campaign && e.SubjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Type).ToListAsync(Ct);
        Assert.Equal([AuditEventType.CampaignCreated, AuditEventType.CampaignApproved], events.Order());
    }

    [Theory]
    [InlineData(ChannelPolicy.Email, 3, 0)]
    [InlineData(ChannelPolicy.Sms, 0, 3)]
    [InlineData(ChannelPolicy.Both, 3, 3)]
    [InlineData(ChannelPolicy.EmailWithSmsFallback, 3, 1)]
    public async Task Launch_WritesOneMessagePerPersonAndChannelThePolicyUses_AndCountsThoseWhoCannotBeReached(ChannelPolicy policy, int emails, int sms)
    {
        var incident = await NewIncidentAsync();
        await NotificationPeople.ImportAsync(app.Factory, incident, 2, email: true, phone: "mobile");
        await NotificationPeople.ImportAsync(app.Factory, incident, 1, email: true, phone: null);
        await NotificationPeople.ImportAsync(app.Factory, incident, 1, email: false, phone: "mobile");
        await NotificationPeople.ImportAsync(app.Factory, incident, 1, email: false, phone: null);

        var campaign = await RunningCampaignAsync(incident, policy);

        await using var db = app.CreateDbContext();
        var messages = await db.Set<Message>().Where(m => m.CampaignId == campaign.Id).ToListAsync(Ct);
        Assert.Equal(emails, messages.Count(m => m.Channel == MessageChannel.Email));
        Assert.Equal(sms, messages.Count(m => m.Channel == MessageChannel.Sms));
        Assert.All(messages, m => Assert.Equal(MessageStatus.Created, m.Status));
        Assert.All(messages, m => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", m.ReferenceCode));
        Assert.Equal(messages.Count, messages.Select(m => m.ReferenceCode).Distinct().Count());
        Assert.True(campaign.LedgerComplete);
        Assert.Equal(5, campaign.PeopleCount);
        var reachable = policy switch
        {
            ChannelPolicy.Email => 3,
            ChannelPolicy.Sms => 3,
            _ => 4,
        };
        Assert.Equal(5 - reachable, campaign.UnreachableCount);
    }

    [Fact]
    public async Task ALaunchCutShort_IsCompletedByStartingAgain_WithoutASecondRowForAnyone()
    {
        var incident = await NewIncidentAsync();
        var people = await NotificationPeople.ImportAsync(app.Factory, incident, 6);
        var campaign = await RunningCampaignAsync(incident, ChannelPolicy.Both);
        await using (var db = app.CreateDbContext())
        {
            // As if the process died after the first batches: part of the ledger, not marked complete.
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM messages WHERE campaign_id = {campaign.Id} AND person_id IN ({people[0].Id}, {people[1].Id})", Ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE campaigns SET ledger_complete = false WHERE id = {campaign.Id}", Ct);
        }

        var (creator, _) = await OperatorsAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<CampaignService>().StartAsync(campaign.Id, LookupPeople.ActorOf(creator), null, Ct);

        Assert.True(again.Succeeded, again.Message);
        Assert.True(again.Campaign!.LedgerComplete);
        await using var check = app.CreateDbContext();
        var rows = await check.Set<Message>().Where(m => m.CampaignId == campaign.Id).GroupBy(m => new { m.PersonId, m.Channel }).Select(g => g.Count()).ToListAsync(Ct);
        Assert.Equal(12, rows.Count);
        Assert.All(rows, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task ARowWrittenAfterItsRangeWasFoundEmpty_IsKept_AndTheBatchIsWrittenAgainAroundIt()
    {
        var incident = await NewIncidentAsync();
        var people = await NotificationPeople.ImportAsync(app.Factory, incident, 4);
        var campaign = await RunningCampaignAsync(incident, ChannelPolicy.Both);
        long kept;
        await using (var db = app.CreateDbContext())
        {
            // One row left, as a fallback SMS written between the launch's look at the range and its plain insert.
            kept = await db.Set<Message>().Where(m => m.CampaignId == campaign.Id && m.PersonId == people[2].Id && m.Channel == MessageChannel.Sms).Select(m => m.Id).SingleAsync(Ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM messages WHERE campaign_id = {campaign.Id} AND id <> {kept}", Ct);
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<LedgerWriter>();
        await using var connection = await scope.ServiceProvider.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync(Ct);
        var row = (await CampaignRows.FindAsync(connection, campaign.Id, Ct))!;
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var written = await writer.InsertBatchAsync(connection, row, now, 0, long.MaxValue, fresh: true, Ct);

        Assert.Equal(7, written);
        await using var check = app.CreateDbContext();
        var rows = await check.Set<Message>().Where(m => m.CampaignId == campaign.Id).Select(m => new { m.Id, m.PersonId, m.Channel }).ToListAsync(Ct);
        Assert.Equal(8, rows.Count);
        Assert.Equal(8, rows.Select(r => (r.PersonId, r.Channel)).Distinct().Count());
        Assert.Contains(rows, r => r.Id == kept);
    }

    [Fact]
    public async Task PauseResumeAndCancel_AreGuarded_AndCancelStopsEveryMessageNotYetSent()
    {
        var incident = await NewIncidentAsync();
        await NotificationPeople.ImportAsync(app.Factory, incident, 4);
        var campaign = await RunningCampaignAsync(incident, ChannelPolicy.Email);
        var (creator, _) = await OperatorsAsync();
        var actor = LookupPeople.ActorOf(creator);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();

        Assert.True((await campaigns.PauseAsync(campaign.Id, actor, Ct)).Succeeded);
        Assert.Equal(CampaignProblem.WrongStatus, (await campaigns.PauseAsync(campaign.Id, actor, Ct)).Problem);
        var resumed = await campaigns.StartAsync(campaign.Id, actor, null, Ct);
        Assert.Equal(CampaignStatus.Running, resumed.Campaign!.Status);
        Assert.True((await campaigns.CancelAsync(campaign.Id, actor, Ct)).Succeeded);
        Assert.Equal(CampaignProblem.WrongStatus, (await campaigns.StartAsync(campaign.Id, actor, null, Ct)).Problem);

        await using var db = app.CreateDbContext();
        var statuses = await db.Set<Message>().Where(m => m.CampaignId == campaign.Id).Select(m => m.Status).ToListAsync(Ct);
        Assert.Equal(4, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(MessageStatus.Cancelled, s));
    }

    [Fact]
    public async Task BadSettings_AreRefused_WithTheReason()
    {
        var (creator, _) = await OperatorsAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var actor = LookupPeople.ActorOf(creator);

        Assert.Equal(CampaignProblem.IncidentNotFound, (await campaigns.CreateAsync(Draft(ChannelPolicy.Email) with { IncidentReference = "XX-0000" }, actor, Ct)).Problem);
        Assert.Equal(CampaignProblem.LanguageUnknown, (await campaigns.CreateAsync(Draft(ChannelPolicy.Email) with { Language = "de" }, actor, Ct)).Problem);
        Assert.Equal(CampaignProblem.RateOutOfRange, (await campaigns.CreateAsync(Draft(ChannelPolicy.Email) with { EmailsPerSecond = 0 }, actor, Ct)).Problem);
        Assert.Equal(CampaignProblem.SmsWindowInvalid, (await campaigns.CreateAsync(Draft(ChannelPolicy.Sms) with { SmsWindowStart = new(21, 0), SmsWindowEnd = new(8, 0) }, actor, Ct)).Problem);
        Assert.Equal(CampaignProblem.TemplateMismatch, (await campaigns.CreateAsync(Draft(ChannelPolicy.Email) with { SmsTemplateId = 1 }, actor, Ct)).Problem);
        Assert.Equal(CampaignProblem.NameMissing, (await campaigns.CreateAsync(Draft(ChannelPolicy.Email) with { Name = " " }, actor, Ct)).Problem);
        var unsigned = await campaigns.CreateAsync(Draft(ChannelPolicy.Email), AuditActor.CommandLine, Ct);
        Assert.Equal(CampaignProblem.StaffNotOperator, unsigned.Problem);
    }

    private static CampaignDraft Draft(ChannelPolicy policy, string incident = "FT-2024-03") =>
        new() { IncidentReference = incident, Name = "Notification individuelle", Policy = policy };

    private async Task<(TestStaff Creator, TestStaff Approver)> OperatorsAsync() =>
        (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator), await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator));

    private async Task<Campaign> RunningCampaignAsync(string incident, ChannelPolicy policy)
    {
        var (creator, approver) = await OperatorsAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var created = await campaigns.CreateAsync(Draft(policy, incident), LookupPeople.ActorOf(creator), Ct);
        Assert.True(created.Succeeded, created.Message);
        Assert.True((await campaigns.ApproveAsync(created.Campaign!.Id, LookupPeople.ActorOf(approver), Ct)).Succeeded);
        var started = await campaigns.StartAsync(created.Campaign.Id, LookupPeople.ActorOf(creator), null, Ct);
        Assert.True(started.Succeeded, started.Message);
        return started.Campaign!;
    }

    /// <summary>An incident of its own (copied from the demo one, with its templates), so counts are this test's alone.</summary>
    private async Task<string> NewIncidentAsync() => await NotificationIncidents.CopyOfDemoAsync(app);
}
