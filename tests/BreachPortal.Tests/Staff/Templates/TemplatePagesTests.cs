using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Demo;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachPortal.Tests.Staff.Templates;

public sealed partial class TemplatePagesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Reference = DemoIncidents.FranceTravail2024;
    private const string IndexPath = "/staff/templates";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Index_ForFt202403_ListsTheSeededVersionsByChannelAndLanguage()
    {
        var client = await OperatorAsync();
        var emailFr = await SeededAsync(MessageChannel.Email, "fr");

        var response = await client.GetAsync($"{IndexPath}?incident={Reference}", Cancel);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Modèles de messages de l'incident {Reference}", page.Heading);
        foreach (var group in new[] { "Courriel en français", "Courriel en anglais", "SMS en français", "SMS en anglais" })
        {
            Assert.Contains(group, page.Text, StringComparison.Ordinal);
        }

        var seeded = page.Element("versions-email-fr");
        Assert.Contains("Version 1", seeded.Text, StringComparison.Ordinal);
        Assert.Contains("le portail (version par défaut)", seeded.Text, StringComparison.Ordinal);
        Assert.Contains(page.Links, l => l.Href == $"/staff/templates/{emailFr.Id}" && l.Text.StartsWith("Voir la version 1", StringComparison.Ordinal));
        Assert.Contains(page.Links, l => l.Href == $"/staff/templates/new?incident={Reference}&channel=Sms&language=en");
        Assert.Contains(page.Links, l => l.Href == $"/staff/templates/new?incident={Reference}&channel=Email&language=fr");
    }

    [Fact]
    public async Task Index_WithoutAnIncident_OffersTheIncidentsToChooseFrom()
    {
        var client = await OperatorAsync();

        var page = await HtmlPage.ReadAsync(await client.GetAsync(IndexPath, Cancel));

        Assert.Equal("Modèles de messages", page.Heading);
        Assert.Contains($"<option value=\"{Reference}\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"get\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_AValidEmailVersion_SavesTheNextVersion_RedirectsToIt_AndIsAudited()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);
        var latest = await LatestAsync(MessageChannel.Email, "fr");
        var newPath = $"/staff/templates/new?incident={Reference}&channel=Email&language=fr";
        var form = await client.GetStringAsync(newPath, Cancel);
        Assert.Contains(latest.Subject!, WebUtility.HtmlDecode(form), StringComparison.Ordinal);

        var action = Attribute(form, "<form id=\"template-form\"", "action");
        Assert.Equal(newPath, action);

        var response = await FormPage.PostAsync(client, action, FormPage.Token(form), Fields(latest.Subject + " (révisé)", latest.TextBody, latest.HtmlBody));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await LatestAsync(MessageChannel.Email, "fr");
        Assert.Equal(latest.Version + 1, saved.Version);
        Assert.Equal(staff.Id, saved.CreatedBy);
        Assert.EndsWith(" (révisé)", saved.Subject, StringComparison.Ordinal);
        Assert.Equal($"/staff/templates/{saved.Id}?saved=True", response.Headers.Location!.OriginalString);
        var details = new HtmlPage(await client.GetStringAsync(response.Headers.Location, Cancel));
        Assert.Contains($"La version {saved.Version} est enregistrée.", details.Text, StringComparison.Ordinal);
        Assert.Contains(staff.Email[..1] + "•••@", details.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(staff.Email, details.Html, StringComparison.Ordinal);
        var audited = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.TemplateVersionSaved), e => e.SubjectId == saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(staff.Id, audited.ActorId);
    }

    [Fact]
    public async Task New_WithAnUnknownPlaceholderALinkAndAMissingArt34Element_ShowsEachProblemBesideTheTextAndSavesNothing()
    {
        var client = await OperatorAsync();
        var latest = await LatestAsync(MessageChannel.Email, "en");
        var newPath = $"/staff/templates/new?incident={Reference}&channel=Email&language=en";
        var text = latest.TextBody.Replace("{{dpo_contact}}", "our DPO", StringComparison.Ordinal)
            + "\nYour colour: {{favourite_colour}}. See www.example.com for more.";
        Assert.DoesNotContain("{{dpo_contact}}", text, StringComparison.Ordinal);

        var response = await FormPage.SubmitAsync(client, newPath, newPath, Fields(latest.Subject, text, latest.HtmlBody));
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlPage(html);
        var messages = page.Element("template-text-messages").Text;
        Assert.Contains("{{favourite_colour}} n'est pas un champ connu", messages, StringComparison.Ordinal);
        Assert.Contains("« www.example.com » ressemble à une adresse web", messages, StringComparison.Ordinal);
        Assert.Contains("le champ {{dpo_contact}} est obligatoire", messages, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page.Between("id=\"template-text\"", ">").Html, StringComparison.Ordinal);
        Assert.Empty(page.Element("template-subject-messages").Text);
        var summary = page.Element("template-errors").Html;
        Assert.Contains("role=\"alert\"", page.Between("<div class=\"fr-alert fr-alert--error", ">").Html, StringComparison.Ordinal);
        Assert.Contains("href=\"#template-text\"", summary, StringComparison.Ordinal);
        Assert.Contains("Your colour: {{favourite_colour}}. See www.example.com for more.", WebUtility.HtmlDecode(page.Between("id=\"template-text\"", "</textarea>").Html), StringComparison.Ordinal);
        Assert.Equal(latest.Id, (await LatestAsync(MessageChannel.Email, "en")).Id);
    }

    [Fact]
    public async Task New_CheckingAnSms_CountsGsm7AndUcs2OnTheServer()
    {
        var client = await OperatorAsync();
        var before = await LatestAsync(MessageChannel.Sms, "fr");
        var newPath = $"/staff/templates/new?incident={Reference}&channel=Sms&language=fr";
        var form = await client.GetStringAsync(newPath, Cancel);
        Assert.Contains("sms-counter.js", form, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", form, StringComparison.Ordinal);
        Assert.Contains(TemplateRules.WorstCaseFirstName, WebUtility.HtmlDecode(new HtmlPage(form).Between("data-values=\"", "\" ").Html), StringComparison.Ordinal);
        // As typed, each brace of a placeholder is a GSM-7 extension character: 84 characters, 96 septets.
        const string Gsm = "Incident {{incident_reference}} : tapez {{portal_address}}, code {{reference_code}}.";
        const string Ucs2 = "Incident {{incident_reference}} : tapez {{portal_address}}, reçu code {{reference_code}}.";

        var gsmPage = await CheckAsync(client, form, Gsm);
        var ucs2Page = await CheckAsync(client, form, Ucs2);

        Assert.Contains("Tel que saisi : GSM-7, 96 unités, 1 SMS (3 au plus).", gsmPage, StringComparison.Ordinal);
        Assert.DoesNotContain("hors GSM-7", gsmPage, StringComparison.Ordinal);
        Assert.Contains("Vérification faite : cette version peut être enregistrée.", gsmPage, StringComparison.Ordinal);
        Assert.Contains("Tel que saisi : UCS-2, 89 unités, 2 SMS (3 au plus). Premier caractère hors GSM-7 : « ç ».", ucs2Page, StringComparison.Ordinal);
        var worst = await WorstCaseAsync(Ucs2);
        Assert.Equal(SmsEncoding.Ucs2, worst.Encoding);
        Assert.Contains($"Dans le pire cas : UCS-2, {worst.Units} unités, {worst.Segments} SMS (3 au plus).", ucs2Page, StringComparison.Ordinal);
        Assert.Equal(before.Id, (await LatestAsync(MessageChannel.Sms, "fr")).Id);
    }

    [Fact]
    public async Task Details_ShowsThePreviewForTheSyntheticCamilleWithTheIncidentsText_AndTheHtmlOnlyAsSource()
    {
        var client = await OperatorAsync();
        var template = await SeededAsync(MessageChannel.Email, "fr");

        var response = await client.GetAsync($"/staff/templates/{template.Id}", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var page = new HtmlPage(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Aperçu pour une personne fictive : prénom « Camille »", page.Text, StringComparison.Ordinal);
        Assert.Contains("Bonjour Camille,", page.Text, StringComparison.Ordinal);
        Assert.Contains("Entre le 6 février et le 5 mars 2024, des attaquants se sont fait passer pour des conseillers Cap emploi", page.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;p", html, StringComparison.Ordinal);
        var firstTag = Regex.Match(template.HtmlBody!, "<(p|h1|h2|table|div|body)[^>]*>").Value;
        Assert.DoesNotContain(firstTag, html.Replace("<p>", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_OfAnSms_ShowsItsEncodingAndSegments()
    {
        var client = await OperatorAsync();
        var template = await SeededAsync(MessageChannel.Sms, "fr");

        var page = await HtmlPage.ReadAsync(await client.GetAsync($"/en/staff/templates/{template.Id}", Cancel));

        Assert.Equal("SMS in French, version 1 (incident FT-2024-03)", page.Heading);
        Assert.Contains("Bonjour Camille, des données vous concernant ont été exposées (incident FT-2024-03)", page.Text, StringComparison.Ordinal);
        Assert.Contains("Worst case: GSM-7,", page.Text, StringComparison.Ordinal);
        Assert.Contains("For the synthetic person: GSM-7,", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_BetweenTwoVersions_MarksTheRemovedAndTheAddedLine()
    {
        var client = await OperatorAsync();
        var first = await SeededAsync(MessageChannel.Sms, "en");
        var changed = first.TextBody.Replace("Hello {{first_name}},", "Dear {{first_name}},", StringComparison.Ordinal);
        MessageTemplate second;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<TemplateService>().SaveVersionAsync(
                new TemplateDraft { IncidentId = first.IncidentId, Channel = MessageChannel.Sms, Language = "en", TextBody = changed },
                AuditActor.System,
                Cancel);
            second = Assert.IsType<MessageTemplate>(result.Saved);
        }

        var response = await client.GetAsync($"/staff/templates/diff?from={first.Id}&to={second.Id}", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Différences entre les versions {first.Version} et {second.Version}", new HtmlPage(html).Heading);
        Assert.Matches("<del><span class=\"fr-sr-only\">retir[^<]*</span><span aria-hidden=\"true\">[^<]*</span>Hello \\{\\{first_name\\}\\},", html);
        Assert.Matches("<ins><span class=\"fr-sr-only\">ajout[^<]*</span><span aria-hidden=\"true\">\\+ </span>Dear \\{\\{first_name\\}\\},", html);

        var details = await client.GetStringAsync($"/staff/templates/{second.Id}", Cancel);
        Assert.Contains("action=\"/staff/templates/diff\"", details, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{first.Id}\" selected=\"selected\">", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_OfTwoDifferentTemplates_SaysTheyCannotBeCompared()
    {
        var client = await OperatorAsync();
        var email = await SeededAsync(MessageChannel.Email, "fr");
        var sms = await SeededAsync(MessageChannel.Sms, "fr");

        var page = await HtmlPage.ReadAsync(await client.GetAsync($"/staff/templates/diff?from={email.Id}&to={sms.Id}", Cancel));

        Assert.Contains("ne peuvent pas être comparées", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<ins>", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IndexPath)]
    [InlineData("/staff/templates/1")]
    [InlineData("/staff/templates/new?incident=FT-2024-03&channel=Sms&language=fr")]
    [InlineData("/staff/templates/diff?from=1&to=2")]
    public async Task TemplatePages_AsACnilLiaison_AreForbidden(string path)
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Index_InEnglish_ShowsTheEnglishTexts()
    {
        var client = await OperatorAsync();

        var page = await HtmlPage.ReadAsync(await client.GetAsync($"/en{IndexPath}?incident={Reference}", Cancel));

        Assert.Equal("en", page.Language);
        Assert.Equal($"Message templates of incident {Reference}", page.Heading);
        Assert.Contains("Email in French", page.Text, StringComparison.Ordinal);
        Assert.Contains("the portal (default version)", page.Text, StringComparison.Ordinal);
        Assert.Contains(page.Links, l => l.Href.StartsWith("/en/staff/templates/new?", StringComparison.Ordinal));

        var form = await HtmlPage.ReadAsync(await client.GetAsync($"/en/staff/templates/new?incident={Reference}&channel=Sms&language=en", Cancel));
        Assert.Equal($"New version: SMS in English (incident {Reference})", form.Heading);
        Assert.Contains("SMS counter", form.Text, StringComparison.Ordinal);
        Assert.StartsWith("/en/staff/templates/new?", Attribute(form.Html, "<form id=\"template-form\"", "action"), StringComparison.Ordinal);
    }

    private async Task<HttpClient> OperatorAsync() =>
        await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

    /// <summary>
    /// The newest version, which tests of this class that save a version change: only a test that saves one itself
    /// may expect a particular newest version.
    /// </summary>
    private async Task<MessageTemplate> LatestAsync(MessageChannel channel, string language)
    {
        await using var db = app.CreateDbContext();
        return await VersionsOf(db, channel, language).OrderByDescending(t => t.Version).FirstAsync(Cancel);
    }

    /// <summary>The portal's default version, the same whatever other tests of the class saved (versions are immutable).</summary>
    private async Task<MessageTemplate> SeededAsync(MessageChannel channel, string language)
    {
        await using var db = app.CreateDbContext();
        return await VersionsOf(db, channel, language).SingleAsync(t => t.Version == 1, Cancel);
    }

    private static IQueryable<MessageTemplate> VersionsOf(Web.Data.PortalDbContext db, MessageChannel channel, string language) =>
        db.Set<MessageTemplate>().AsNoTracking()
            .Where(t => t.Channel == channel && t.Language == language && db.Incidents.Any(i => i.Id == t.IncidentId && i.Reference == Reference));

    private async Task<SmsAnalysis> WorstCaseAsync(string text)
    {
        await using var db = app.CreateDbContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Reference == Reference, Cancel);
        var portal = app.Factory.Services.GetRequiredService<IOptions<PortalOptions>>().Value.PublicUrl;
        var check = TemplateRules.Check(new TemplateDraft { IncidentId = incident.Id, Channel = MessageChannel.Sms, Language = "fr", TextBody = text }, incident, portal);
        return check.WorstCaseSms!.Value;
    }

    private static async Task<string> CheckAsync(HttpClient client, string form, string text)
    {
        var check = Attribute(form, "<button id=\"template-check\"", "formaction");
        Assert.Contains("handler=Check", check, StringComparison.Ordinal);
        var response = await FormPage.PostAsync(client, check, FormPage.Token(form), new Dictionary<string, string>
        {
            ["incident"] = Reference,
            ["channel"] = "Sms",
            ["language"] = "fr",
            ["Input.TextBody"] = text,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlPage(await response.Content.ReadAsStringAsync(Cancel)).Text;
    }

    /// <summary>The first value of the attribute on an element that starts with <paramref name="element"/> and has it.</summary>
    private static string Attribute(string html, string element, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, Regex.Escape(element) + "[^>]*?\\b" + name + "=\"([^\"]*)\"").Groups[1].Value);

    private static Dictionary<string, string> Fields(string? subject, string text, string? html) => new()
    {
        ["Input.Subject"] = subject ?? "",
        ["Input.TextBody"] = text,
        ["Input.HtmlBody"] = html ?? "",
    };
}
