using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Web.Checks.Sessions;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Pages.Check;

/// <summary>
/// The whole check with the codes sent for real: typed on /check, read from the email or the text message, typed on
/// /check/code, results on /check/result; and every way a code is refused.
/// </summary>
public sealed class CheckFlowTests(CheckSendingApp app) : IClassFixture<CheckSendingApp>
{
    private const string Refusal = "Ce code n'est pas valide, a expiré ou a déjà été utilisé. Après 5 essais ou 10 minutes, demandez un nouveau code.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory Factory => app.Portal.Factory;

    [Fact]
    public async Task ACodeByEmail_OpensTheResults_OfThatPersonsIncident_WithTheMessagesSent_AndEndingTheSessionClosesThem()
    {
        var (reference, title) = await CheckIncidents.CopyAsync(app.Portal.ConnectionString);
        var person = (await NotificationPeople.ImportAsync(Factory, reference, 1, phone: null)).Single();
        var campaign = await app.Portal.LaunchAsync(new CampaignDraft { IncidentReference = reference, Name = "Vague check", Policy = ChannelPolicy.Email });
        await app.Portal.WaitForCampaignAsync(campaign, CampaignStatus.Finished);
        string sent;
        await using (var db = app.Portal.CreateDbContext())
        {
            sent = await db.Set<Message>().Where(m => m.CampaignId == campaign).Select(m => m.ReferenceCode).SingleAsync(Ct);
        }

        using var visitor = new CheckVisitor(Factory);
        var page = await visitor.CheckAsync(person.Email!, () => CheckInbox.EmailCodeAsync(app.Smtp, person.Email!));

        Assert.Equal("Vos résultats", page.Heading);
        Assert.Contains("<meta name=\"robots\" content=\"noindex", page.Html, StringComparison.Ordinal);
        Assert.Contains($"Résultats pour {Mask.Email(person.Email)}.", page.Text, StringComparison.Ordinal);
        Assert.Matches(@"jusqu'à \d{2}:\d{2} \(heure de Paris\)", page.Text);
        Assert.Contains("Nos fichiers relient cette adresse ou ce numéro à un incident.", page.Text, StringComparison.Ordinal);
        Assert.Contains(title, page.Text, StringComparison.Ordinal);
        Assert.Equal($"/incidents/{reference}", page.LinkHref("Tout savoir sur cet incident"));
        var exposed = page.Between("id=\"incident-0-exposed\"", "id=\"incident-0-not-exposed\"").Html;
        var notExposed = page.Between("id=\"incident-0-not-exposed\"", "id=\"incident-0-not-in-record\"").Html;
        var notInRecord = page.Between("id=\"incident-0-not-in-record\"", "<h3>Messages").Html;
        Assert.Contains("Adresse électronique", exposed, StringComparison.Ordinal);
        Assert.Contains("Numéro de sécurité sociale (NIR)", exposed, StringComparison.Ordinal);
        Assert.DoesNotContain("Numéro de téléphone", exposed, StringComparison.Ordinal);
        Assert.Contains("Mot de passe", notExposed, StringComparison.Ordinal);
        Assert.Contains("Coordonnées bancaires", notExposed, StringComparison.Ordinal);
        Assert.Contains("Numéro de téléphone", notInRecord, StringComparison.Ordinal);
        Assert.Contains("Adresse postale", notInRecord, StringComparison.Ordinal);
        Assert.Matches($@"\d{{1,2}} \w+ \d{{4}}, \d{{2}}:\d{{2}} \(heure de Paris\) Courriel {sent} Envoyé", page.Text);
        Assert.Contains("Délégué à la protection des données France Travail", page.Text, StringComparison.Ordinal);
        Assert.Contains("Que faire maintenant ?", page.Text, StringComparison.Ordinal);
        Assert.Contains("Où signaler ?", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Email!, page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.Email!.Split('@')[0], page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Null(visitor.PendingCookie);

        var session = visitor.SessionCookie!;
        var ended = await visitor.EndAsync();
        Assert.Equal(HttpStatusCode.SeeOther, ended.StatusCode);
        Assert.Equal("/check/result?ended=true", ended.Headers.Location!.OriginalString);
        var after = await HtmlPage.ReadAsync(await visitor.Client.GetAsync(ended.Headers.Location, Ct));
        Assert.Equal("Consultation terminée", after.Heading);
        Assert.DoesNotContain(title, after.Text, StringComparison.Ordinal);
        Assert.Null(visitor.SessionCookie);

        // The session is ended on the server, not only forgotten by the browser.
        visitor.SetCookie(CheckSessions.CookieName, session);
        var replayed = await HtmlPage.ReadAsync(await visitor.ResultAsync());
        Assert.Equal("Aucune consultation en cours", replayed.Heading);
        Assert.DoesNotContain(title, replayed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACodeBySms_InEnglish_OpensTheResults_InEnglish_ShowingOnlyTheMaskedNumber()
    {
        var person = (await NotificationPeople.ImportAsync(Factory, "FT-2024-03", 1, email: false)).Single();
        using var visitor = new CheckVisitor(Factory, "/en");

        var asked = await HtmlPage.ReadAsync(await visitor.AskAsync(CheckIncidents.National(person.Phone!)));
        Assert.Contains($"If this address or number is in our records, we have sent a code to {Mask.Phone(person.Phone)}. It expires in 10 minutes.", asked.Text, StringComparison.Ordinal);
        Assert.Contains("action=\"/en/check/code\"", asked.Html, StringComparison.Ordinal);
        var code = await CheckInbox.SmsCodeAsync(app.Gateway, person.Phone!);
        Assert.Contains("is your verification code", app.Gateway.Messages.Last(m => m.To == person.Phone).Text, StringComparison.Ordinal);
        var typed = await visitor.TypeCodeAsync(code);
        Assert.Equal(HttpStatusCode.SeeOther, typed.StatusCode);
        Assert.Equal("/en/check/result", typed.Headers.Location!.OriginalString);
        var page = await HtmlPage.ReadAsync(await visitor.ResultAsync());

        Assert.Equal("en", page.Language);
        Assert.Equal("Your results", page.Heading);
        Assert.Contains($"Results for {Mask.Phone(person.Phone)}.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Cyberattack on France Travail and Cap emploi", page.Text, StringComparison.Ordinal);
        Assert.Contains("Phone number", page.Between("id=\"incident-0-exposed\"", "id=\"incident-0-not-exposed\"").Html, StringComparison.Ordinal);
        Assert.Contains("We have not sent you any message about this incident yet.", page.Text, StringComparison.Ordinal);
        Assert.Contains("(Paris time)", page.Text, StringComparison.Ordinal);
        Assert.Equal("/en/incidents/FT-2024-03", page.LinkHref("Everything about this incident"));
        var digits = person.Phone![3..];
        Assert.DoesNotContain(digits, Regex.Replace(page.Html, @"\s", ""), StringComparison.Ordinal);
        Assert.DoesNotContain(digits[..6], Regex.Replace(page.Text, @"\s", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongCode_IsRefused_AndTheRightOneStillWorksAfterIt()
    {
        var person = await PersonAsync();
        using var visitor = new CheckVisitor(Factory);
        await visitor.AskAsync(person.Email!);
        var code = await CheckInbox.EmailCodeAsync(app.Smtp, person.Email!);

        var wrong = await visitor.TypeCodeAsync(CheckInbox.WrongCode(code));

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(Refusal, (await HtmlPage.ReadAsync(wrong)).Text, StringComparison.Ordinal);
        Assert.Null(visitor.SessionCookie);
        Assert.Equal(HttpStatusCode.SeeOther, (await visitor.TypeCodeAsync(code)).StatusCode);
    }

    [Fact]
    public async Task ACodeAlreadyUsed_IsRefused_EvenWithTheSameRequest()
    {
        var person = await PersonAsync();
        using var visitor = new CheckVisitor(Factory);
        await visitor.AskAsync(person.Email!);
        var code = await CheckInbox.EmailCodeAsync(app.Smtp, person.Email!);
        var pending = visitor.PendingCookie!;
        Assert.Equal(HttpStatusCode.SeeOther, (await visitor.TypeCodeAsync(code)).StatusCode);

        using var other = new CheckVisitor(Factory);
        other.SetCookie(PendingCheck.CookieName, pending);
        var reused = await other.TypeCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains(Refusal, (await HtmlPage.ReadAsync(reused)).Text, StringComparison.Ordinal);
        Assert.Null(other.SessionCookie);
    }

    [Fact]
    public async Task ACodeReplacedByANewerOne_IsRefused_AndTheNewerOneWorks()
    {
        var person = await PersonAsync();
        using var visitor = new CheckVisitor(Factory);
        await visitor.AskAsync(person.Email!);
        var first = await CheckInbox.EmailCodeAsync(app.Smtp, person.Email!);
        await visitor.AskAsync(person.Email!);
        var second = await CheckInbox.EmailCodeAsync(app.Smtp, person.Email!, nth: 2);

        var superseded = await visitor.TypeCodeAsync(first);

        Assert.Contains(Refusal, (await HtmlPage.ReadAsync(superseded)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, (await visitor.TypeCodeAsync(second)).StatusCode);
    }

    [Fact]
    public async Task AnExpiredCode_IsRefused()
    {
        var person = await PersonAsync();
        using var visitor = new CheckVisitor(Factory);
        await visitor.AskAsync(person.Email!);
        var code = await CheckInbox.EmailCodeAsync(app.Smtp, person.Email!);
        await using (var db = app.Portal.CreateDbContext())
        {
            var index = CheckIncidents.IndexOf(Factory.Services, person.Email!);
            Assert.Equal(1, await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE verification_codes SET expires_at = now() - interval '1 minute' WHERE contact_index = {index}", Ct));
        }

        var expired = await visitor.TypeCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Contains(Refusal, (await HtmlPage.ReadAsync(expired)).Text, StringComparison.Ordinal);
        Assert.Null(visitor.SessionCookie);
    }

    [Fact]
    public async Task TheRightCode_AfterFiveWrongOnes_IsRefused()
    {
        var person = await PersonAsync();
        using var visitor = new CheckVisitor(Factory);
        await visitor.AskAsync(person.Email!);
        var code = await CheckInbox.EmailCodeAsync(app.Smtp, person.Email!);
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await HtmlPage.ReadAsync(await visitor.TypeCodeAsync(CheckInbox.WrongCode(code)))).Text);
        }

        var sixth = await visitor.TypeCodeAsync(code);

        Assert.All(answers, text => Assert.Contains(Refusal, text, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains(Refusal, (await HtmlPage.ReadAsync(sixth)).Text, StringComparison.Ordinal);
        Assert.Null(visitor.SessionCookie);
    }

    [Fact]
    public async Task TwoPeopleChecking_EachSeeOnlyTheirOwnIncident()
    {
        var (referenceA, titleA) = await CheckIncidents.CopyAsync(app.Portal.ConnectionString);
        var (referenceB, titleB) = await CheckIncidents.CopyAsync(app.Portal.ConnectionString);
        var a = (await NotificationPeople.ImportAsync(Factory, referenceA, 1, phone: null)).Single();
        var b = (await NotificationPeople.ImportAsync(Factory, referenceB, 1, phone: null)).Single();
        using var visitorA = new CheckVisitor(Factory);
        using var visitorB = new CheckVisitor(Factory);

        var pageA = await visitorA.CheckAsync(a.Email!, () => CheckInbox.EmailCodeAsync(app.Smtp, a.Email!));
        var pageB = await visitorB.CheckAsync(b.Email!, () => CheckInbox.EmailCodeAsync(app.Smtp, b.Email!));
        var againA = await HtmlPage.ReadAsync(await visitorA.ResultAsync());

        foreach (var page in (HtmlPage[])[pageA, againA])
        {
            Assert.Contains(titleA, page.Text, StringComparison.Ordinal);
            Assert.Contains(referenceA, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(titleB, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(referenceB, page.Html, StringComparison.Ordinal);
        }

        Assert.Contains(titleB, pageB.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(titleA, pageB.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(referenceA, pageB.Html, StringComparison.Ordinal);

        using var stranger = new CheckVisitor(Factory);
        stranger.SetCookie(CheckSessions.CookieName, visitorA.SessionCookie![..^2] + (visitorA.SessionCookie[^2..] == "AA" ? "AB" : "AA"));
        var forged = await HtmlPage.ReadAsync(await stranger.ResultAsync());
        Assert.Equal("Aucune consultation en cours", forged.Heading);
        Assert.DoesNotContain(titleA, forged.Text, StringComparison.Ordinal);
    }

    private async Task<NotifiedPerson> PersonAsync() =>
        (await NotificationPeople.ImportAsync(Factory, "FT-2024-03", 1, phone: null)).Single();
}
