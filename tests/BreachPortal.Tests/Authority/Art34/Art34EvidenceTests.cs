using System.Globalization;
using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Authority.Art34;

/// <summary>
/// The evidence's numbers against a ledger whose every status, reason and date the test set itself. One test per
/// class: the class has its own database, so nothing else adds people or messages to the incident.
/// </summary>
public sealed class Art34EvidenceTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Incident = "FT-2024-03";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuildAsync_AfterACampaignWithKnownOutcomes_CountsExactlyWhatTheLedgerAndRegistryHold()
    {
        var baseline = await ExposedAsync();
        var full = await NotificationPeople.ImportAsync(app.Factory, Incident, 3);
        var emailOnly = (await NotificationPeople.ImportAsync(app.Factory, Incident, 1, phone: null)).Single();
        var phoneOnly = (await NotificationPeople.ImportAsync(app.Factory, Incident, 1, email: false)).Single();
        await NotificationPeople.ImportAsync(app.Factory, Incident, 2, email: false, phone: null);
        var campaign = await StartCampaignAsync("Information des personnes");
        var (a, b, c) = (full[0].Id, full[1].Id, full[2].Id);

        // Day 1 is 10 November (Paris), day 2 is 11 November; 23:30 UTC on the 10th is already the 11th in Paris.
        await SetAsync(campaign.Id, a, MessageChannel.Email, MessageStatus.Delivered, null, Utc(10, 9, 0), Utc(10, 9, 5));
        await SetAsync(campaign.Id, b, MessageChannel.Email, MessageStatus.PermanentFailure, "smtp-550", null, Utc(10, 23, 30));
        await SetAsync(campaign.Id, c, MessageChannel.Email, MessageStatus.Sent, null, Utc(11, 8, 0), null);
        await SetAsync(campaign.Id, emailOnly.Id, MessageChannel.Email, MessageStatus.TechnicalFailure, "smtp-timeout", null, Utc(11, 9, 0));
        await SetAsync(campaign.Id, a, MessageChannel.Sms, MessageStatus.Delivered, null, Utc(10, 12, 0), Utc(11, 7, 0));
        await SetAsync(campaign.Id, b, MessageChannel.Sms, MessageStatus.PermanentFailure, "http-400", Utc(10, 13, 0), Utc(11, 7, 30));
        await SetAsync(campaign.Id, c, MessageChannel.Sms, MessageStatus.Cancelled, null, null, null);
        // phoneOnly's SMS stays as launch wrote it: created, pending.

        var evidence = await BuildAsync();

        Assert.Equal(Incident, evidence.IncidentReference);
        Assert.Equal(baseline + 7, evidence.Summary.PeopleToInform);
        Assert.Equal(await ExposedAsync(), evidence.Summary.PeopleToInform);
        Assert.Equal(2, evidence.Summary.PeopleUnreachable);
        Assert.Equal(5, evidence.Summary.PeopleWithMessage);
        Assert.Equal(2, evidence.Summary.PeopleInformed);
        Assert.Equal(baseline + 5, evidence.Summary.PeopleNotInformed);
        Assert.Equal(1, evidence.Summary.CampaignCount);

        Assert.Equal([MessageChannel.Email, MessageChannel.Sms], evidence.Channels.Select(x => x.Channel));
        Assert.Equal(new LedgerChannelCounts(MessageChannel.Email, 4, 2, 1, 4, 2, 1, 1, 1, 1, 0, 0), evidence.Channel(MessageChannel.Email));
        Assert.Equal(new LedgerChannelCounts(MessageChannel.Sms, 4, 1, 1, 4, 2, 0, 1, 1, 0, 1, 1), evidence.Channel(MessageChannel.Sms));
        Assert.Equal(phoneOnly.Id, await SinglePendingPersonAsync(campaign.Id));

        Assert.Equal(
            [
                new LedgerFailureGroup(MessageChannel.Email, MessageStatus.PermanentFailure, "smtp-550", 1),
                new LedgerFailureGroup(MessageChannel.Email, MessageStatus.TechnicalFailure, "smtp-timeout", 1),
                new LedgerFailureGroup(MessageChannel.Sms, MessageStatus.PermanentFailure, "http-400", 1),
            ],
            evidence.Failures);

        Assert.Equal(
            [
                new LedgerDayCounts(new DateOnly(2026, 11, 10), MessageChannel.Email, 1, 1, 0),
                new LedgerDayCounts(new DateOnly(2026, 11, 10), MessageChannel.Sms, 2, 0, 0),
                new LedgerDayCounts(new DateOnly(2026, 11, 11), MessageChannel.Email, 1, 0, 2),
                new LedgerDayCounts(new DateOnly(2026, 11, 11), MessageChannel.Sms, 0, 1, 1),
            ],
            evidence.Daily);

        await using var db = app.CreateDbContext();
        var templates = await db.Set<MessageTemplate>().AsNoTracking()
            .Where(t => t.Id == campaign.EmailTemplateId || t.Id == campaign.SmsTemplateId)
            .OrderBy(t => t.Channel)
            .ToListAsync(Cancel);
        Assert.Equal(2, templates.Count);
        Assert.Equal(
            templates.Select(t => new LedgerTemplateUse(campaign.Id, campaign.Name, t.Channel, t.Id, t.Version, t.Language, 4)),
            evidence.Templates);

        var entry = Assert.Single(evidence.Campaigns);
        Assert.Equal(
            new Art34CampaignEntry(campaign.Id, campaign.Name, CampaignStatus.Running, ChannelPolicy.Both, campaign.Language, campaign.CreatedAt, campaign.ApprovedAt,
                campaign.StartedAt, null, baseline + 7, 2),
            entry);
        Assert.NotNull(entry.ApprovedAt);
        Assert.NotNull(entry.StartedAt);

        // The page shows the same numbers, formatted for its culture, to the CNIL liaison.
        var liaison = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);
        var response = await liaison.GetAsync($"/staff/authority/{Incident}/art34", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains($"Personnes à informer {(baseline + 7).ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} ", Row(html, "art34-summary-PeopleToInform"), StringComparison.Ordinal);
        Assert.StartsWith("Personnes injoignables 2 ", Row(html, "art34-summary-PeopleUnreachable"), StringComparison.Ordinal);
        Assert.StartsWith("Personnes informées 2 ", Row(html, "art34-summary-PeopleInformed"), StringComparison.Ordinal);
        Assert.StartsWith("Échecs définitifs 1 1 ", Row(html, "art34-channels-MessagesPermanentFailure"), StringComparison.Ordinal);
        Assert.StartsWith("En attente 0 1 ", Row(html, "art34-channels-MessagesPending"), StringComparison.Ordinal);
        Assert.Contains("Personnes qui ne peuvent pas être jointes individuellement : 2. Une communication publique doit les couvrir", new HtmlPage(html).Text, StringComparison.Ordinal);
        Assert.Contains("smtp-550", html, StringComparison.Ordinal);
        Assert.DoesNotContain(full[0].Email!, html, StringComparison.Ordinal);
        Assert.DoesNotContain(phoneOnly.Phone!, html, StringComparison.Ordinal);
    }

    private static DateTimeOffset Utc(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>The row's text and a space, so that its last number can be matched whole.</summary>
    private static string Row(string html, string id) => new HtmlPage(html).Row(id).Text + " ";

    private async Task<Campaign> StartCampaignAsync(string name)
    {
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var draft = new CampaignDraft { IncidentReference = Incident, Name = name, Policy = ChannelPolicy.Both };
        var created = await campaigns.CreateAsync(draft, LookupPeople.ActorOf(creator), Cancel);
        Assert.True(created.Succeeded, created.Message);
        var id = created.Campaign!.Id;
        Assert.True((await campaigns.ApproveAsync(id, LookupPeople.ActorOf(approver), Cancel)).Succeeded);
        var started = await campaigns.StartAsync(id, LookupPeople.ActorOf(creator), null, Cancel);
        Assert.True(started.Succeeded, started.Message);
        await using var db = app.CreateDbContext();
        return await db.Set<Campaign>().AsNoTracking().SingleAsync(x => x.Id == id, Cancel);
    }

    private async Task SetAsync(int campaignId, long personId, MessageChannel channel, MessageStatus status, string? reason, DateTimeOffset? sentAt, DateTimeOffset? completedAt)
    {
        await using var db = app.CreateDbContext();
        var updated = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE messages SET status = {(short)status}, failure_reason = {reason}, sent_at = {sentAt}, completed_at = {completedAt}
            WHERE campaign_id = {campaignId} AND person_id = {personId} AND channel = {(short)channel}
            """,
            Cancel);
        Assert.Equal(1, updated);
    }

    private async Task<long> SinglePendingPersonAsync(int campaignId)
    {
        await using var db = app.CreateDbContext();
        return await db.Set<Message>().Where(m => m.CampaignId == campaignId && m.Status == MessageStatus.Created).Select(m => m.PersonId).SingleAsync(Cancel);
    }

    private async Task<long> ExposedAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Database
            .SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM exposures e JOIN incidents i ON i.id = e.incident_id WHERE i.reference = {Incident}")
            .SingleAsync(Cancel);
    }

    private async Task<Art34Evidence> BuildAsync()
    {
        var evidence = await Art34Evidences.BuildAsync(
            app.Factory.Services.GetRequiredService<NpgsqlDataSource>(), app.Factory.Services.GetRequiredService<LedgerPeople>(), Incident, DateTimeOffset.UtcNow, Cancel);
        Assert.NotNull(evidence);
        return evidence;
    }
}
