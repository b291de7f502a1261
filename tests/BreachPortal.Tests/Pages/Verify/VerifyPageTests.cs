using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BreachPortal.Tests.Pages.Verify;

public sealed class VerifyPageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Incident = "FT-2024-03";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_ShowsTheFormAndWhatAGenuineMessageLooksLike()
    {
        var response = await app.CreateClient().GetAsync("/verify", Cancel);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Vérifier qu'un message vient bien de nous", page.Heading);
        Assert.Contains("Code de référence indiqué dans le message", page.Text, StringComparison.Ordinal);
        Assert.Contains("Format XXXX-XXXX-XXXX, 12 lettres et chiffres", page.Text, StringComparison.Ordinal);
        Assert.Contains("ne contient aucun lien", page.Text, StringComparison.Ordinal);
        Assert.Contains("33700", page.Text, StringComparison.Ordinal);
        Assert.Equal("/verify/report", page.LinkHref("signaler un faux message"));
    }

    [Fact]
    public async Task SentCode_SaysWhenHowAndAboutWhichIncident_AndNothingAboutThePerson()
    {
        var person = (await NotificationPeople.ImportAsync(app.Factory, Incident, 1))[0];
        var code = await VerifyLedger.CampaignMessageAsync(app, Incident, person.Id, MessageChannel.Email, MessageStatus.Delivered, sent: true);

        var response = await VerifyAsync("/verify", code);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains($"Oui : nous avons envoyé un message avec le code {code}", page.Text, StringComparison.Ordinal);
        Assert.Contains("Envoyé le : 14 mars 2024, 10:30 (heure de Paris)", page.Text, StringComparison.Ordinal);
        Assert.Contains("Par : courriel", page.Text, StringComparison.Ordinal);
        Assert.Contains("À propos de : Cyberattaque contre France Travail et Cap emploi (février–mars 2024) (FT-2024-03)", page.Text, StringComparison.Ordinal);
        Assert.Equal("/incidents/FT-2024-03", page.LinkHref("Cyberattaque contre France Travail et Cap emploi (février–mars 2024)"));
        Assert.Contains("ne contient jamais de lien", page.Text, StringComparison.Ordinal);
        Assert.Equal($"/verify/report?code={code}", page.LinkHref("Signaler un faux message"));
        AssertNothingAbout(person, page);
    }

    [Fact]
    public async Task SentCode_InEnglish_GivesTheSameAnswerInEnglish()
    {
        var person = (await NotificationPeople.ImportAsync(app.Factory, Incident, 1))[0];
        var code = await VerifyLedger.CampaignMessageAsync(app, Incident, person.Id, MessageChannel.Sms, MessageStatus.Sent, sent: true);

        var page = await HtmlPage.ReadAsync(await VerifyAsync("/en/verify", code));

        Assert.Equal("en", page.Language);
        Assert.Contains($"Yes: we sent a message with the code {code}", page.Text, StringComparison.Ordinal);
        Assert.Contains("Sent on: 14 March 2024, 10:30 (Paris time)", page.Text, StringComparison.Ordinal);
        Assert.Contains("By: text message (SMS)", page.Text, StringComparison.Ordinal);
        Assert.Equal("/en/incidents/FT-2024-03", page.LinkHref("Cyberattack on France Travail and Cap emploi (February–March 2024)"));
        Assert.Equal($"/en/verify/report?code={code}", page.LinkHref("Report a fake message"));
        AssertNothingAbout(person, page);
    }

    [Fact]
    public async Task Code_TypedInLowerCaseWithSpaces_IsTheSameCode()
    {
        var person = (await NotificationPeople.ImportAsync(app.Factory, Incident, 1))[0];
        var code = await VerifyLedger.CampaignMessageAsync(app, Incident, person.Id, MessageChannel.Email, MessageStatus.Sent, sent: true);

        var page = await HtmlPage.ReadAsync(await VerifyAsync("/verify", " " + code.Replace('-', ' ').ToLowerInvariant() + " "));

        Assert.Contains($"Oui : nous avons envoyé un message avec le code {code}", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneTimeCode_IsDescribedAsACodeAskedForOnThisSite()
    {
        var code = await VerifyLedger.OneTimeCodeMessageAsync(app, personId: 1);

        var page = await HtmlPage.ReadAsync(await VerifyAsync("/verify", code));

        Assert.Contains($"Oui : nous avons envoyé un message avec le code {code}", page.Text, StringComparison.Ordinal);
        Assert.Contains("À propos de : un code de vérification demandé sur ce site", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("FT-2024-03", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCode_SaysWeNeverSentIt_AndHowToReportTheFake()
    {
        var code = ReferenceCode.New();

        var response = await VerifyAsync("/verify", code);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nous n'avons jamais envoyé de message avec ce code.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Oui : nous avons envoyé", page.Text, StringComparison.Ordinal);
        Assert.Contains("33700", page.Text, StringComparison.Ordinal);
        Assert.Equal("https://17cyber.gouv.fr", page.LinkHref("17cyber.gouv.fr"));
        Assert.Equal("https://www.cybermalveillance.gouv.fr", page.LinkHref("cybermalveillance.gouv.fr"));
        Assert.Equal($"/verify/report?code={code}", page.LinkHref("signaler un faux message"));
        Assert.Contains("ne contient aucun lien", page.Text, StringComparison.Ordinal);
        Assert.Contains("Vérifier un autre code", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCode_InEnglish_SaysWeNeverSentIt()
    {
        var page = await HtmlPage.ReadAsync(await VerifyAsync("/en/verify", ReferenceCode.New()));

        Assert.Equal("en", page.Language);
        Assert.Contains("We never sent a message with this code.", page.Text, StringComparison.Ordinal);
        Assert.Contains("forward it free of charge to 33700", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledMessage_SaysItWasNeverSent()
    {
        var person = (await NotificationPeople.ImportAsync(app.Factory, Incident, 1))[0];
        var code = await VerifyLedger.CampaignMessageAsync(app, Incident, person.Id, MessageChannel.Sms, MessageStatus.Cancelled, sent: false);

        var page = await HtmlPage.ReadAsync(await VerifyAsync("/verify", code));

        Assert.Contains("Un message avec ce code a été préparé puis annulé avant son envoi : nous ne l'avons pas envoyé.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Le message que vous avez reçu n'est pas de nous.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Oui : nous avons envoyé", page.Text, StringComparison.Ordinal);
        Assert.Contains("33700", page.Text, StringComparison.Ordinal);
        AssertNothingAbout(person, page);
    }

    [Fact]
    public async Task QueuedMessage_SaysNoMessageWithThisCodeWasSent()
    {
        var person = (await NotificationPeople.ImportAsync(app.Factory, Incident, 1))[0];
        var code = await VerifyLedger.CampaignMessageAsync(app, Incident, person.Id, MessageChannel.Email, MessageStatus.Created, sent: false);

        var page = await HtmlPage.ReadAsync(await VerifyAsync("/verify", code));

        Assert.Contains("Aucun message avec ce code n'a été envoyé.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Oui : nous avons envoyé", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("K7M3-Q9PX-4TR", "vous en avez saisi 11")]
    [InlineData("K7M3-Q9PX-4TRWX", "vous en avez saisi 13")]
    [InlineData("K7M3-Q9PX-4TR!", "le caractère « ! » n'en fait jamais partie")]
    [InlineData("K7M3-Q9PX-4TRU", "le caractère « U » n'en fait jamais partie")]
    [InlineData("", "Saisissez le code de référence indiqué dans le message")]
    [InlineData("123 456", "Ces 6 chiffres sont un code de vérification à usage unique")]
    public async Task MalformedCode_SaysWhatIsWrongBesideTheField(string typed, string expected)
    {
        var response = await VerifyAsync("/verify", typed);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, page.Text, StringComparison.Ordinal);
        Assert.Contains("fr-input-group--error", page.Html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"verify-code-hint verify-code-messages\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("verify-result", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedCode_InEnglish_NamesTheFormat()
    {
        var page = await HtmlPage.ReadAsync(await VerifyAsync("/en/verify", "K7M3"));

        Assert.Contains("A reference code has 12 letters and digits, such as K7M3-Q9PX-4TRW: you typed 4.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused()
    {
        var response = await app.CreateClient().PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = ReferenceCode.New() }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TooManyChecksFromOneAddress_AreRefusedWith429_AndCounted()
    {
        await using var factory = new PortalFactory(app.ConnectionString);
        factory.Settings["Checks:RateLimits:Verify:PermitLimit"] = "2";
        factory.Settings["Checks:RateLimits:Verify:Window"] = "01:00:00";
        var client = factory.CreateClient(PortalFactory.NoRedirects());
        var token = FormPage.Token(await client.GetStringAsync("/verify", Cancel));
        var fields = new Dictionary<string, string> { ["Code"] = ReferenceCode.New() };

        Assert.Equal(HttpStatusCode.OK, (await FormPage.PostAsync(client, "/verify", token, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FormPage.PostAsync(client, "/verify", token, fields)).StatusCode);
        var refused = await FormPage.PostAsync(client, "/en/verify", token, fields);
        var page = await HtmlPage.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal("en", page.Language);
        Assert.Contains("Too many requests", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify", Cancel)).StatusCode);

        await factory.Services.GetRequiredService<AbuseCounterFlusher>().FlushAsync(Cancel);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(hits), 0)::bigint FROM rate_limit_hits WHERE limit_name = 'verify'", connection);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(Cancel))!);
    }

    [Fact]
    public async Task Answers_ForbidStoringWithoutAWarningPerRequest()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = new PortalFactory(app.ConnectionString) { ExtraLogger = logs };
        var client = factory.CreateClient();

        var answer = await FormPage.SubmitAsync(client, "/verify", "/verify", new Dictionary<string, string> { ["Code"] = ReferenceCode.New() });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl is { NoStore: true, NoCache: true });
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    private async Task<HttpResponseMessage> VerifyAsync(string path, string code) =>
        await FormPage.SubmitAsync(app.CreateClient(), path, path, new Dictionary<string, string> { ["Code"] = code });

    private static void AssertNothingAbout(NotifiedPerson person, HtmlPage page)
    {
        var traces = new[] { person.Email!, person.Phone!, person.Phone![3..], Mask.Email(person.Email), Mask.Phone(person.Phone), person.FirstName, "Martin" };
        foreach (var trace in traces)
        {
            Assert.DoesNotContain(trace, page.Html, StringComparison.OrdinalIgnoreCase);
        }
    }
}
