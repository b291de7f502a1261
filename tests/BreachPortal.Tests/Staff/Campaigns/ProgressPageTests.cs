using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Tests.Notifications.Campaigns;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff.Campaigns;

public sealed class ProgressPageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Progress_AsAnOperator_ShowsTheCountsTheTruthfulBarAndTheFailures_WithoutPersonalData()
    {
        var (campaign, people) = await MixedAsync();
        var client = await OperatorAsync();

        var response = await client.GetAsync(PathOf(campaign), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var page = new HtmlPage(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("Avancement de la campagne « Suivi de la notification »", page.Heading);
        Assert.Matches(ProgressBar("20", "11"), html);
        Assert.Contains("11 messages traités sur 20 (55,0 %)", page.Text, StringComparison.Ordinal);
        Assert.Contains("État de la campagne En cours", page.Text, StringComparison.Ordinal);
        Assert.Contains("0,1 messages par seconde", page.Text, StringComparison.Ordinal);
        Assert.Contains("Temps restant estimé Inconnu", page.Text, StringComparison.Ordinal);
        Assert.Contains("Personnes concernées 11 Personnes injoignables", page.Text, StringComparison.Ordinal);
        Assert.Contains("Envoyé (sent) 4 0 4", page.Text, StringComparison.Ordinal);
        Assert.Contains("Annulé (cancelled) 0 1 1", page.Text, StringComparison.Ordinal);
        Assert.Contains("Total 10 10 20", page.Text, StringComparison.Ordinal);
        Assert.Contains("smtp-550 Courriel Échec définitif (permanent-failure) 2", page.Text, StringComparison.Ordinal);
        Assert.Contains("smtp-421 Courriel Échec temporaire, à retenter (temporary-failure) 1 en attente d'un nouvel essai", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway-refused", page.Text, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", html, StringComparison.Ordinal);
        Assert.Contains($"/staff/campaigns/{campaign}/progress", page.LinkHref("Actualiser les chiffres"), StringComparison.Ordinal);
        Assert.Contains($"data-url=\"/staff/campaigns/{campaign}/progress?handler=Json\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/campaign-progress.js", html, StringComparison.Ordinal);
        AssertNoPersonalData(html, people);
    }

    [Fact]
    public async Task Json_GivesTheSameNumbers_NotStored_AndNoPersonalData()
    {
        var (campaign, people) = await MixedAsync();
        var client = await OperatorAsync();

        var response = await client.GetAsync(PathOf(campaign) + "?handler=json", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("running", root.GetProperty("status").GetString());
        Assert.False(root.GetProperty("over").GetBoolean());
        Assert.Equal(20, root.GetProperty("total").GetInt64());
        Assert.Equal(11, root.GetProperty("done").GetInt64());
        Assert.Equal(9, root.GetProperty("open").GetInt64());
        Assert.Equal(55.0, root.GetProperty("percent").GetDouble());
        Assert.Equal(0.1, root.GetProperty("perSecond").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("secondsLeft").ValueKind);
        Assert.Equal(1, root.GetProperty("unreachable").GetInt64());
        Assert.Equal(20, root.GetProperty("bar").GetProperty("max").GetInt64());
        Assert.Equal(11, root.GetProperty("bar").GetProperty("value").GetInt64());
        var counts = root.GetProperty("counts").EnumerateArray()
            .ToDictionary(c => $"{c.GetProperty("channel").GetString()}/{c.GetProperty("status").GetString()}", c => c.GetProperty("count").GetInt64());
        Assert.Equal(4, counts["email/sent"]);
        Assert.Equal(2, counts["email/permanent-failure"]);
        Assert.Equal(7, counts["sms/created"]);
        var failure = root.GetProperty("failures")[0];
        Assert.Equal(("smtp-550", "email", 2L), (failure.GetProperty("reason").GetString(), failure.GetProperty("channel").GetString(), failure.GetProperty("count").GetInt64()));
        Assert.Equal("11 messages traités sur 20 (55,0 %)", root.GetProperty("text").GetProperty("summary").GetString());
        Assert.Equal("En cours : 11 messages traités sur 20 (55,0 %)", root.GetProperty("text").GetProperty("announce").GetString());
        AssertNoPersonalData(body, people);
    }

    [Fact]
    public async Task Progress_WhileTheLedgerIsWritten_SaysTheTotalIsNotFinal()
    {
        var (campaign, _) = await MixedAsync();
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE campaigns SET ledger_complete = false, people_count = NULL, unreachable_count = NULL WHERE id = {campaign}", Ct);
        }

        var client = await OperatorAsync();
        var page = await HtmlPage.ReadAsync(await client.GetAsync(PathOf(campaign), Ct));

        Assert.Contains("11 messages traités sur 20 écrits jusqu'ici (55,0 %) : la liste des messages est encore en cours d'écriture, le total n'est pas définitif", page.Text, StringComparison.Ordinal);
        Assert.Contains("Temps restant estimé Inconnu tant que la liste des messages n'est pas complète", page.Text, StringComparison.Ordinal);
        Assert.Contains("Personnes injoignables (sans coordonnée utilisable : courrier ou communication publique) pas encore compté", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_OfAFinishedCampaign_IsFull_AndHasNothingToPoll()
    {
        var (campaign, _) = await ProgressLedger.RunningCampaignAsync(app, ChannelPolicy.Email, people: 2, name: "Suivi de la notification");
        var now = DateTimeOffset.UtcNow;
        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Email, 1, 2, MessageStatus.Delivered, now, sentAgo: 100, completedAgo: 90);
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE campaigns SET status = {(short)CampaignStatus.Finished} WHERE id = {campaign}", Ct);
        }

        var client = await OperatorAsync();
        var html = await client.GetStringAsync(PathOf(campaign), Ct);
        var page = new HtmlPage(html);

        Assert.Matches(ProgressBar("2", "2"), html);
        Assert.Contains("2 messages traités sur 2 (100,0 %)", page.Text, StringComparison.Ordinal);
        Assert.Contains("Terminée", page.Text, StringComparison.Ordinal);
        Assert.Contains("Aucun : la campagne est close", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Actualiser les chiffres", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("data-url=\"/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_OfACampaignNotStarted_ShowsAnEmptyBar_AndSaysSo()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CampaignService>()
            .CreateAsync(new CampaignDraft { IncidentReference = incident, Name = "Brouillon suivi", Policy = ChannelPolicy.Sms }, LookupPeople.ActorOf(creator), Ct);
        Assert.True(created.Succeeded, created.Message);
        var client = await creator.SignInAsync(app.Factory);

        var html = await client.GetStringAsync(PathOf(created.Campaign!.Id), Ct);
        var page = new HtmlPage(html);

        Assert.Matches(ProgressBar("1", "0"), html);
        Assert.Contains("Campagne pas encore lancée : aucun message pour l'instant", page.Text, StringComparison.Ordinal);
        Assert.Contains("État SMS Total", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(">Courriel<", html, StringComparison.Ordinal);
        Assert.Contains("Inconnu : la campagne n'est pas en cours", page.Text, StringComparison.Ordinal);
        Assert.Contains("Aucun échec récent.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_InEnglish_ShowsTheEnglishTexts()
    {
        var (campaign, _) = await MixedAsync();
        var client = await OperatorAsync();

        var page = await HtmlPage.ReadAsync(await client.GetAsync("/en" + PathOf(campaign), Ct));
        var json = await client.GetStringAsync("/en" + PathOf(campaign) + "?handler=json", Ct);

        Assert.Equal("en", page.Language);
        Assert.Equal("Progress of the campaign “Suivi de la notification”", page.Heading);
        Assert.Contains("11 of 20 messages handled (55.0 %)", page.Text, StringComparison.Ordinal);
        Assert.Contains("Sent (sent) 4 0 4", page.Text, StringComparison.Ordinal);
        Assert.Contains("Refresh the figures", page.Text, StringComparison.Ordinal);
        Assert.Contains($"data-url=\"/en/staff/campaigns/{campaign}/progress?handler=Json\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("\"summary\":\"11 of 20 messages handled (55.0 %)\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?handler=json")]
    public async Task Progress_ForACnilLiaison_IsForbidden(string query)
    {
        var (campaign, _) = await ProgressLedger.RunningCampaignAsync(app, ChannelPolicy.Email, people: 1);
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        var response = await client.GetAsync(PathOf(campaign) + query, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?handler=json")]
    public async Task Progress_OfAnUnknownCampaign_IsNotFound(string query)
    {
        var client = await OperatorAsync();

        var response = await client.GetAsync(PathOf(int.MaxValue) + query, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string PathOf(int campaign) => string.Create(CultureInfo.InvariantCulture, $"/staff/campaigns/{campaign}/progress");

    private static Regex ProgressBar(string max, string value) =>
        new($"<progress id=\"progress-bar\" max=\"{max}\" value=\"{value}\"[^>]*aria-labelledby=\"progress-heading\"");

    private static void AssertNoPersonalData(string text, IReadOnlyList<NotifiedPerson> people)
    {
        foreach (var person in people)
        {
            Assert.DoesNotContain(person.Email!, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.Phone![4..], text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Martin", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Camille", text, StringComparison.Ordinal);
    }

    private async Task<HttpClient> OperatorAsync() =>
        await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

    /// <summary>The mixed ledger of <see cref="ProgressLedger.MixedCampaignAsync"/>, under a name of its own, and the people it concerns.</summary>
    private async Task<(int Campaign, IReadOnlyList<NotifiedPerson> People)> MixedAsync()
    {
        var (campaign, people) = await ProgressLedger.MixedCampaignAsync(app, DateTimeOffset.UtcNow);
        await using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE campaigns SET name = 'Suivi de la notification' WHERE id = {campaign}", Ct);
        return (campaign, people);
    }
}
