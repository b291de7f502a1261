using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Tests.Staff.MyAccount;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff.Campaigns;

/// <summary>The campaign pages of the staff console: create, four-eyes approval, each action confirmed, test send.</summary>
public sealed partial class CampaignPagesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string ListPath = "/staff/campaigns";
    private const string NewPath = "/staff/campaigns/new";
    private const string Incident = "PE-2023-08";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task New_WithAValidForm_CreatesADraftShownInTheListAndInItsDetailsWithThePeopleCount()
    {
        await NotificationPeople.ImportAsync(app.Factory, Incident, 2);
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await creator.SignInAsync(app.Factory);

        var id = await CreateAsync(client, "Notification PE juin");

        var list = new HtmlPage(await client.GetStringAsync(ListPath, Cancel));
        var row = list.Row($"campaign-{id}");
        Assert.Contains("Notification PE juin", row.Text, StringComparison.Ordinal);
        Assert.Contains(Incident, row.Text, StringComparison.Ordinal);
        Assert.Contains("Brouillon", row.Text, StringComparison.Ordinal);
        Assert.Contains("Courriel, SMS à défaut", row.Text, StringComparison.Ordinal);

        var details = await client.GetAsync($"{ListPath}/{id}?done=created", Cancel);
        var page = new HtmlPage(await details.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Contains("Notification PE juin", page.Heading, StringComparison.Ordinal);
        Assert.Contains("Le brouillon est créé.", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Personnes concernées par l’incident : {(await ExposedAsync()).ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))}", page.Text, StringComparison.Ordinal);
        Assert.Contains("PREV-IEWU-CODE", page.Text, StringComparison.Ordinal);
        Assert.Contains("Camille", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(creator.Email, page.Html, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignCreated), e => e.SubjectId == Id(id) && e.ActorId == creator.Id);

        var english = new HtmlPage(await client.GetStringAsync($"/en{ListPath}/{id}", Cancel));
        Assert.Equal("Campaign “Notification PE juin”", english.Heading);
        Assert.Contains("You created this campaign: another Operator must approve it.", english.Text, StringComparison.Ordinal);
        Assert.Contains("id=\"campaign-email-text\" lang=\"fr\"", english.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_WithAnEmptyNameOrAnSmsWindowEndingBeforeItStarts_ShowsTheErrorBesideTheField()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

        var unnamed = await FormPage.SubmitAsync(client, NewPath, NewPath, Fields(""));
        var unnamedHtml = await unnamed.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, unnamed.StatusCode);
        Assert.Contains("Donnez un nom à la campagne", MessagesOf(unnamedHtml, "campaign-name"), StringComparison.Ordinal);
        Assert.Matches(InvalidInput("campaign-name", "campaign-name-hint campaign-name-messages"), unnamedHtml);

        var reversed = await FormPage.SubmitAsync(client, NewPath, NewPath, Fields("Fenêtre à l’envers", windowStart: "20:00", windowEnd: "08:00"));
        var reversedHtml = await reversed.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        Assert.Contains("La fin de la plage horaire doit être après son début", MessagesOf(reversedHtml, "campaign-smswindowend"), StringComparison.Ordinal);
        Assert.Matches(InvalidInput("campaign-smswindowend", "campaign-smswindowend-messages"), reversedHtml);
        Assert.Empty(MessagesOf(reversedHtml, "campaign-name"));
        Assert.Contains("value=\"Fenêtre à l’envers\"", WebUtility.HtmlDecode(reversedHtml), StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        Assert.False(await db.Set<Campaign>().AnyAsync(c => c.Name == "Fenêtre à l’envers", Cancel));
    }

    [Fact]
    public async Task Approve_ByTheCreator_IsRefused_ByAnotherOperator_IsDoneAndAudited()
    {
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var creatorClient = await creator.SignInAsync(app.Factory);
        var id = await CreateAsync(creatorClient, "Quatre yeux");

        var ownDetails = await creatorClient.GetStringAsync($"{ListPath}/{id}", Cancel);
        Assert.DoesNotContain("/confirm/approve", ownDetails, StringComparison.Ordinal);
        Assert.Contains("un autre opérateur doit l’approuver", new HtmlPage(ownDetails).Text, StringComparison.Ordinal);
        var ownConfirm = await creatorClient.GetStringAsync(ConfirmPath(id, "approve"), Cancel);
        Assert.Contains("id=\"campaign-four-eyes\"", ownConfirm, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"campaign-consequence\"", ownConfirm, StringComparison.Ordinal);

        var refused = await FormPage.PostAsync(creatorClient, ConfirmPath(id, "approve"), FormPage.Token(ownDetails), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(
            "Vous avez créé cette campagne : un autre opérateur doit l’approuver (principe des quatre yeux).",
            new HtmlPage(await refused.Content.ReadAsStringAsync(Cancel)).Text,
            StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Draft, (await CampaignAsync(id)).Status);

        var approverClient = await approver.SignInAsync(app.Factory);
        Assert.Contains($"/staff/campaigns/{id}/confirm/approve", await approverClient.GetStringAsync($"{ListPath}/{id}", Cancel), StringComparison.Ordinal);
        var confirm = new HtmlPage(await approverClient.GetStringAsync(ConfirmPath(id, "approve"), Cancel));
        Assert.Contains("Approuver la campagne « Quatre yeux »", confirm.Heading, StringComparison.Ordinal);
        Assert.Contains("Vous approuvez les messages", confirm.Text, StringComparison.Ordinal);

        var approved = await FormPage.PostAsync(approverClient, ConfirmPath(id, "approve"), FormPage.Token(confirm.Html), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal($"{ListPath}/{id}?done=approve", approved.Headers.Location!.OriginalString);
        var after = new HtmlPage(await approverClient.GetStringAsync(approved.Headers.Location, Cancel));
        Assert.Contains("La campagne est approuvée", after.Text, StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Approved, (await CampaignAsync(id)).Status);
        var audited = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignApproved), e => e.SubjectId == Id(id));
        Assert.Equal(approver.Id, audited.ActorId);
    }

    [Fact]
    public async Task Actions_StartPauseResumeCancel_EachConfirmed_MoveTheCampaignThroughItsStatuses()
    {
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await creator.SignInAsync(app.Factory);
        var id = await CreateAsync(client, "Cycle complet");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().ApproveAsync(id, LookupPeople.ActorOf(approver), Cancel)).Succeeded);
        }

        foreach (var (action, status, label) in new[]
        {
            ("start", CampaignStatus.Running, "En cours"),
            ("pause", CampaignStatus.Paused, "En pause"),
            ("resume", CampaignStatus.Running, "En cours"),
            ("cancel", CampaignStatus.Cancelled, "Annulée"),
        })
        {
            var details = await client.GetStringAsync($"{ListPath}/{id}", Cancel);
            Assert.Contains($"/staff/campaigns/{id}/confirm/{action}", details, StringComparison.Ordinal);
            var confirm = await client.GetStringAsync(ConfirmPath(id, action), Cancel);
            var done = await FormPage.PostAsync(client, ConfirmPath(id, action), FormPage.Token(confirm), new Dictionary<string, string>());

            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.Equal($"{ListPath}/{id}?done={action}", done.Headers.Location!.OriginalString);
            var campaign = await CampaignAsync(id);
            Assert.Equal(status, campaign.Status);
            if (action == "start")
            {
                // The page answers at once: the dispatchers write the ledger (none runs in this fixture).
                Assert.False(campaign.LedgerComplete);
            }

            Assert.Contains(label, new HtmlPage(await client.GetStringAsync(ListPath, Cancel)).Row($"campaign-{id}").Text, StringComparison.Ordinal);
        }

        var again = await FormPage.PostAsync(client, ConfirmPath(id, "pause"), FormPage.Token(await client.GetStringAsync($"{ListPath}/new", Cancel)), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Cette action n’est pas possible : la campagne est maintenant « Annulée ».", new HtmlPage(await again.Content.ReadAsStringAsync(Cancel)).Text, StringComparison.Ordinal);
        var types = (await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignStarted))
            .Concat(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignPaused))
            .Concat(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignResumed))
            .Concat(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignCancelled))
            .Where(e => e.SubjectId == Id(id))
            .ToList();
        Assert.Equal(4, types.Count);
        Assert.All(types, e => Assert.Equal(creator.Id, e.ActorId));
    }

    [Fact]
    public async Task ACnilLiaison_IsForbiddenEveryCampaignPage_AndCannotStartOne()
    {
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        int id;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
            id = (await campaigns.CreateAsync(new CampaignDraft { IncidentReference = Incident, Name = "Interdite" }, LookupPeople.ActorOf(creator), Cancel)).Campaign!.Id;
            Assert.True((await campaigns.ApproveAsync(id, LookupPeople.ActorOf(approver), Cancel)).Succeeded);
        }

        var liaison = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);
        foreach (var path in new[] { ListPath, NewPath, $"{ListPath}/{id}", ConfirmPath(id, "start") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await liaison.GetAsync(path, Cancel)).StatusCode);
        }

        var token = FormPage.Token(await liaison.GetStringAsync("/staff/me/password", Cancel));
        Assert.Equal(HttpStatusCode.Forbidden, (await FormPage.PostAsync(liaison, ConfirmPath(id, "start"), token, new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await FormPage.PostAsync(liaison, $"{ListPath}/{id}?handler=TestSend", token, new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await FormPage.PostAsync(liaison, $"{ListPath}/{id}?handler=TestSendSms", token, new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await FormPage.PostAsync(liaison, NewPath, token, Fields("Par la liaison"))).StatusCode);
        Assert.Equal(CampaignStatus.Approved, (await CampaignAsync(id)).Status);
    }

    [Fact]
    public async Task TestSend_SendsTheRenderedEmailToTheOperatorsOwnAddress_AndIsAudited()
    {
        var operatorStaff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await operatorStaff.SignInAsync(app.Factory);
        var id = await CreateAsync(client, "Essai");

        var details = await client.GetStringAsync($"{ListPath}/{id}", Cancel);
        Assert.Contains("Pour recevoir le SMS de test, vérifiez d’abord votre numéro de mobile", new HtmlPage(details).Text, StringComparison.Ordinal);
        var sent = await FormPage.PostAsync(client, $"{ListPath}/{id}?handler=TestSend", FormPage.Token(details), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"{ListPath}/{id}?test=sent", sent.Headers.Location!.OriginalString);
        Assert.Contains("Le courriel de test est envoyé à", new HtmlPage(await client.GetStringAsync(sent.Headers.Location, Cancel)).Text, StringComparison.Ordinal);
        var mail = Assert.Single(app.Factory.Services.GetRequiredService<DevelopmentMailbox>().Messages, m => m.Message.To == operatorStaff.Email && m.Message.Subject.StartsWith("[TEST]", StringComparison.Ordinal)).Message;
        Assert.StartsWith("[TEST] ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("PREV-IEWU-CODE", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("PREV-IEWU-CODE", mail.HtmlBody, StringComparison.Ordinal);
        var audited = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignTestSent), e => e.SubjectId == Id(id));
        Assert.Equal(operatorStaff.Id, audited.ActorId);
        Assert.DoesNotContain(operatorStaff.Email, audited.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestSendSms_GoesToTheOperatorsVerifiedMobileOnly_AndIsAudited()
    {
        var operatorStaff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await operatorStaff.SignInAsync(app.Factory);
        var id = await CreateAsync(client, "Essai SMS");
        var outbox = app.Factory.Services.GetRequiredService<DevelopmentSmsOutbox>();

        var unverified = await FormPage.PostAsync(client, $"{ListPath}/{id}?handler=TestSendSms", FormPage.Token(await client.GetStringAsync($"{ListPath}/{id}", Cancel)), new Dictionary<string, string>());
        Assert.Equal($"{ListPath}/{id}?test=no-phone", unverified.Headers.Location!.OriginalString);
        Assert.Contains("Aucun mobile vérifié sur votre compte", new HtmlPage(await client.GetStringAsync(unverified.Headers.Location, Cancel)).Text, StringComparison.Ordinal);

        await PhonePageTests.VerifyAsync(app, client, "07 81 23 45 67", "+33781234567");
        var details = await client.GetStringAsync($"{ListPath}/{id}", Cancel);
        Assert.Contains("Le SMS de test est envoyé à votre mobile vérifié : +33 • •• •• •• 67.", new HtmlPage(details).Text, StringComparison.Ordinal);
        var sent = await FormPage.PostAsync(client, $"{ListPath}/{id}?handler=TestSendSms", FormPage.Token(details), new Dictionary<string, string>());

        Assert.Equal($"{ListPath}/{id}?test=sms-sent", sent.Headers.Location!.OriginalString);
        var shown = await client.GetStringAsync(sent.Headers.Location, Cancel);
        Assert.Contains("Le SMS de test est envoyé au +33 • •• •• •• 67.", new HtmlPage(shown).Text, StringComparison.Ordinal);
        Assert.Contains("fr-alert fr-alert--success fr-mb-4w\" role=\"status\"", shown, StringComparison.Ordinal);
        var sms = Assert.Single(outbox.Messages, m => m.To == "+33781234567" && m.Text.StartsWith("[TEST] ", StringComparison.Ordinal));
        Assert.Contains("PREV-IEWU-CODE", sms.Text, StringComparison.Ordinal);
        var audited = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignTestSent), e => e.SubjectId == Id(id));
        Assert.Contains("channel=sms", audited.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("781234567", audited.Detail ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChannelPolicy.Both)]
    [InlineData(ChannelPolicy.EmailWithSmsFallback)]
    public async Task CampaignAudience_BeforeLaunch_CountsWhatTheLedgerHoldsAfterIt(ChannelPolicy policy)
    {
        await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 2);
        await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 1, email: false);
        await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 1, phone: null);
        await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 1, email: false, phone: null);
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var draft = new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Audience", Policy = policy };
        var id = (await campaigns.CreateAsync(draft, LookupPeople.ActorOf(creator), Cancel)).Campaign!.Id;
        Assert.True((await campaigns.ApproveAsync(id, LookupPeople.ActorOf(approver), Cancel)).Succeeded);

        await using var db = app.CreateDbContext();
        var incidentId = await db.Incidents.Where(i => i.Reference == "FT-2024-03").Select(i => i.Id).SingleAsync(Cancel);
        var before = await CampaignAudience.CountAsync(db, incidentId, policy, Cancel);
        var started = await campaigns.StartAsync(id, LookupPeople.ActorOf(creator), null, Cancel);

        Assert.True(started.Succeeded, started.Message);
        var messages = await db.Set<Message>().Where(m => m.CampaignId == id).GroupBy(m => m.Channel).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(Cancel);
        Assert.Equal(messages.SingleOrDefault(m => m.Key == MessageChannel.Email)?.Count ?? 0, before.Emails);
        Assert.Equal(messages.SingleOrDefault(m => m.Key == MessageChannel.Sms)?.Count ?? 0, before.Sms);
        Assert.Equal(started.Campaign!.PeopleCount, before.People);
        Assert.Equal(started.Campaign.UnreachableCount, before.Unreachable);
        Assert.True(before.Unreachable >= 1);
    }

    private static Dictionary<string, string> Fields(string name, string policy = "email-sms-fallback", string windowStart = "08:00", string windowEnd = "20:00") => new()
    {
        ["Input.Incident"] = Incident,
        ["Input.Name"] = name,
        ["Input.Policy"] = policy,
        ["Input.Language"] = "fr",
        ["Input.EmailTemplate"] = "latest",
        ["Input.SmsTemplate"] = "latest",
        ["Input.EmailsPerSecond"] = "2000",
        ["Input.SmsPerSecond"] = "100",
        ["Input.SmsWindowStart"] = windowStart,
        ["Input.SmsWindowEnd"] = windowEnd,
    };

    private static async Task<int> CreateAsync(HttpClient client, string name)
    {
        var response = await FormPage.SubmitAsync(client, NewPath, NewPath, Fields(name));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = CreatedLocation().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, response.Headers.Location.OriginalString);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string ConfirmPath(int id, string action) => $"{ListPath}/{id}/confirm/{action}";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<Campaign> CampaignAsync(int id)
    {
        await using var db = app.CreateDbContext();
        return await db.Set<Campaign>().AsNoTracking().SingleAsync(c => c.Id == id, Cancel);
    }

    private async Task<long> ExposedAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Database
            .SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM exposures e JOIN incidents i ON i.id = e.incident_id WHERE i.reference = {Incident}")
            .SingleAsync(Cancel);
    }

    /// <summary>The text of the error messages shown under a field.</summary>
    private static string MessagesOf(string html, string id) => new HtmlPage(html).Element($"{id}-messages").Text;

    private static Regex InvalidInput(string id, string describedBy) =>
        new($"id=\"{id}\"[^>]*aria-describedby=\"{describedBy}\" aria-invalid=\"true\"", RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"^/staff/campaigns/(\d+)\?done=created$")]
    private static partial Regex CreatedLocation();
}
