using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Web.Checks.Codes;
using BreachPortal.Web.Checks.Sessions;
using BreachPortal.Web.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Pages.Check;

/// <summary>The /check pages without sending: what they show, what they refuse, and that they never tell who is known.</summary>
public sealed partial class CheckPageTests(CheckApp app) : IClassFixture<CheckApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckPage_InFrench_ExplainsTheCode_PeopleWithoutContacts_TheDpo_AndLinksToVerify()
    {
        using var visitor = new CheckVisitor(app.Factory);

        var response = await visitor.Client.GetAsync("/check", Ct);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex", page.Html, StringComparison.Ordinal);
        Assert.Equal("Vérifier si vous êtes concerné", page.Heading);
        Assert.Contains("Adresse électronique ou numéro de téléphone mobile", page.Text, StringComparison.Ordinal);
        Assert.Contains("code à 6 chiffres", page.Text, StringComparison.Ordinal);
        Assert.Contains("expire au bout de 10 minutes", page.Text, StringComparison.Ordinal);
        Assert.Contains("Nous ne vous demanderons jamais vos mots de passe ni vos coordonnées bancaires", page.Text, StringComparison.Ordinal);
        Assert.Contains("par courrier postal", page.Text, StringComparison.Ordinal);
        Assert.Contains("dans la presse", page.Text, StringComparison.Ordinal);
        Assert.Contains("Délégué à la protection des données France Travail 1 avenue du Docteur Gley 75987 Paris Cedex 20", page.Text, StringComparison.Ordinal);
        Assert.Contains("FT-2024-03", page.Text, StringComparison.Ordinal);
        Assert.Contains("PE-2023-08", page.Text, StringComparison.Ordinal);
        Assert.Equal("/verify", page.LinkHref("Vérifier un message"));
        Assert.Contains("autocomplete=\"off\"", page.Html, StringComparison.Ordinal);
        Assert.Matches("<label class=\"fr-label\" for=\"check-contact\">", page.Html);
        Assert.Single(H1().Matches(page.Html));
    }

    [Fact]
    public async Task CheckPage_InEnglish_IsInEnglish_AndItsLinksStayInEnglish()
    {
        using var visitor = new CheckVisitor(app.Factory, "/en");

        var page = await HtmlPage.ReadAsync(await visitor.Client.GetAsync("/en/check", Ct));

        Assert.Equal("en", page.Language);
        Assert.Equal("Check whether you were affected", page.Heading);
        Assert.Contains("Email address or mobile phone number", page.Text, StringComparison.Ordinal);
        Assert.Contains("by post", page.Text, StringComparison.Ordinal);
        Assert.Contains("Data Protection Officer France Travail", page.Text, StringComparison.Ordinal);
        Assert.Equal("/en/verify", page.LinkHref("Check a message"));
        Assert.Contains("action=\"/en/check\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_LinksToCheckAndVerify_InEachLanguage()
    {
        using var french = new CheckVisitor(app.Factory);
        var home = await HtmlPage.ReadAsync(await french.Client.GetAsync("/", Ct));
        var english = await HtmlPage.ReadAsync(await french.Client.GetAsync("/en", Ct));

        Assert.Equal("/check", home.LinkHref("Suis-je concerné ?"));
        Assert.Equal("/verify", home.LinkHref("Ce message vient-il de nous ?"));
        Assert.Equal("/en/check", english.LinkHref("Was I affected?"));
        Assert.Equal("/en/verify", english.LinkHref("Is this message from us?"));
    }

    [Theory]
    [InlineData("", "Saisissez votre adresse électronique ou votre numéro de mobile.")]
    [InlineData("   ", "Saisissez votre adresse électronique ou votre numéro de mobile.")]
    [InlineData("camille.martin@", "Cette adresse électronique n'est pas valide.")]
    [InlineData("camille@exemple", "Cette adresse électronique n'est pas valide.")]
    [InlineData("12345", "Saisissez une adresse électronique ou un numéro de téléphone mobile français (06 ou 07, ou outre-mer).")]
    [InlineData("01 23 45 67 89", "Ce numéro n'est pas un mobile : nous ne pouvons pas y envoyer de code par SMS. Essayez votre adresse électronique.")]
    public async Task Check_WithAnInvalidContact_SaysWhatIsWrongBesideTheField_AndSendsNothing(string typed, string error)
    {
        // Counted when queued, not when processed: a request of an earlier test may still be on its way to the worker.
        var queue = app.Factory.Services.GetRequiredService<CheckRequests>();
        var queued = queue.Queued;
        using var visitor = new CheckVisitor(app.Factory);

        var response = await visitor.AskAsync(typed);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, page.Text, StringComparison.Ordinal);
        Assert.Contains("fr-input-group--error", page.Html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"check-contact-hint check-contact-messages\" aria-invalid=\"true\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Code", page.Html, StringComparison.Ordinal);
        Assert.Null(visitor.PendingCookie);
        if (typed.Trim().Length > 0)
        {
            Assert.DoesNotContain(typed.Trim(), page.Html, StringComparison.Ordinal);
        }

        Assert.Equal(queued, queue.Queued);

        // A valid contact behind it is queued: the count does see requests.
        Assert.Equal(HttpStatusCode.OK, (await visitor.AskAsync($"personne.{Guid.NewGuid():N}@example.fr")).StatusCode);
        Assert.Equal(queued + 1, queue.Queued);
    }

    [Fact]
    public async Task Check_WithAnAddressTooLong_SaysSo()
    {
        using var visitor = new CheckVisitor(app.Factory);

        var page = await HtmlPage.ReadAsync(await visitor.AskAsync(new string('a', 250) + "@example.fr"));

        Assert.Contains("Ce que vous avez saisi est trop long : 254 caractères au maximum.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_InEnglish_ExplainsTheErrorInEnglish()
    {
        using var visitor = new CheckVisitor(app.Factory, "/en");

        var page = await HtmlPage.ReadAsync(await visitor.AskAsync("01 23 45 67 89"));

        Assert.Contains("This number is not a mobile: we cannot send a code to it by text message. Try your email address.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithAValidContact_AnswersTheCodeForm_WithTheMaskedContactOnly()
    {
        using var visitor = new CheckVisitor(app.Factory);

        var response = await visitor.AskAsync("Camille.Inconnue@Example.fr");
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex", page.Html, StringComparison.Ordinal);
        Assert.Contains("Si cette adresse ou ce numéro figure dans nos fichiers, nous avons envoyé un code à c•••@example.fr. Il expire dans 10 minutes.", page.Text, StringComparison.Ordinal);
        Assert.Contains("action=\"/check/code\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"one-time-code\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Vous n'avez rien reçu ?", page.Text, StringComparison.Ordinal);
        Assert.Equal("/check", page.LinkHref("Demander un nouveau code"));
        Assert.DoesNotContain("inconnue", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(visitor.PendingCookie);
        Assert.DoesNotContain("inconnue", visitor.PendingCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Check_ForAKnownAndAnUnknownContact_AnswersTheSameBytes_ButTheMaskedEcho(bool email)
    {
        var known = (await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 1)).Single();
        var knownTyped = email ? known.Email! : CheckIncidents.National(known.Phone!);
        // Ends with other digits than the known number, so that the two masked echoes differ.
        var lastDigits = ((int.Parse(known.Phone![^2..], System.Globalization.CultureInfo.InvariantCulture) + 1) % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        var unknownTyped = email ? $"zoe.{Guid.NewGuid():N}@autre.example" : "07 99 98 97 " + lastDigits;

        var (knownResponse, knownBody) = await AskFreshAsync(knownTyped);
        var (unknownResponse, unknownBody) = await AskFreshAsync(unknownTyped);

        Assert.Equal(HttpStatusCode.OK, knownResponse.StatusCode);
        Assert.Equal(knownResponse.StatusCode, unknownResponse.StatusCode);
        var knownMask = email ? Mask.Email(known.Email) : Mask.Phone(known.Phone);
        var unknownMask = email ? Mask.Email(unknownTyped) : Mask.Phone("+33" + unknownTyped[1..].Replace(" ", "", StringComparison.Ordinal));
        Assert.NotEqual(knownMask, unknownMask);
        Assert.Equal(Comparable(knownBody, knownMask), Comparable(unknownBody, unknownMask));
        Assert.Equal(Headers(knownResponse), Headers(unknownResponse));
        Assert.Equal(SetCookies(knownResponse), SetCookies(unknownResponse));
        Assert.Equal([$"{PendingCheck.CookieName}=*; max-age=600; path=/; secure; samesite=strict; httponly"], SetCookies(knownResponse));
    }

    [Fact]
    public async Task CodePage_WithoutARequest_SendsBackToTheCheckPage_InTheSameLanguage()
    {
        using var visitor = new CheckVisitor(app.Factory);

        var french = await visitor.Client.GetAsync("/check/code", Ct);
        var english = await visitor.Client.GetAsync("/en/check/code", Ct);

        Assert.Equal(HttpStatusCode.Redirect, french.StatusCode);
        Assert.Equal("/check", french.Headers.Location!.OriginalString);
        Assert.Equal("/en/check", english.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CodePage_AfterARequest_ShowsTheFormWithTheMaskedContact()
    {
        using var visitor = new CheckVisitor(app.Factory);
        await visitor.AskAsync("06 11 22 33 44");

        var response = await visitor.Client.GetAsync("/check/code", Ct);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("nous avons envoyé un code à +33 • •• •• •• 44", page.Text, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"one-time-code\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("11 22 33", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypingACode_WithoutARequest_SaysTheRequestExpired()
    {
        using var visitor = new CheckVisitor(app.Factory);

        var response = await visitor.TypeCodeAsync("123456");
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Votre demande a expiré", page.Heading);
        Assert.Equal("/check", page.LinkHref("Recommencer"));
    }

    [Fact]
    public async Task TypingSomethingThatIsNotACode_AsksForTheSixDigits()
    {
        using var visitor = new CheckVisitor(app.Factory);
        await visitor.AskAsync("camille.format@example.fr");

        var page = await HtmlPage.ReadAsync(await visitor.TypeCodeAsync("12ab"));

        Assert.Contains("Saisissez les 6 chiffres du code.", page.Text, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"check-code-hint check-code-messages\" aria-invalid=\"true\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypingAWrongCode_ForAnUnknownContact_GetsTheOneGenericRefusal()
    {
        using var visitor = new CheckVisitor(app.Factory);
        await visitor.AskAsync("personne.inconnue@example.fr");

        var response = await visitor.TypeCodeAsync("123456");
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ce code n'est pas valide, a expiré ou a déjà été utilisé. Après 5 essais ou 10 minutes, demandez un nouveau code.", page.Text, StringComparison.Ordinal);
        Assert.Null(visitor.SessionCookie);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pas-un-jeton")]
    public async Task ResultPage_WithoutALiveSession_SaysThereIsNone_AndLinksToCheck(string? cookie)
    {
        using var visitor = new CheckVisitor(app.Factory);
        if (cookie is not null)
        {
            visitor.SetCookie(CheckSessions.CookieName, cookie);
        }

        var response = await visitor.ResultAsync();
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Aucune consultation en cours", page.Heading);
        Assert.Contains("Une consultation dure 15 minutes au plus", page.Text, StringComparison.Ordinal);
        Assert.Equal("/check", page.LinkHref("Vérifier à nouveau"));
    }

    private async Task<(HttpResponseMessage Response, string Body)> AskFreshAsync(string typed)
    {
        using var visitor = new CheckVisitor(app.Factory);
        var token = await visitor.TokenAsync();
        var response = await FormPage.PostAsync(visitor.Client, "/check", token, new Dictionary<string, string> { ["Input.Contact"] = typed });
        return (response, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The body with the masked contact and the antiforgery token (each a value of its own) taken out.</summary>
    private string Comparable(string body, string masked)
    {
        var encoder = app.Factory.Services.GetRequiredService<HtmlEncoder>();
        var withoutMask = body.Replace(encoder.Encode(masked), "{masked}", StringComparison.Ordinal);
        Assert.NotEqual(body, withoutMask);
        return Token().Replace(withoutMask, "{token}");
    }

    private static List<string> Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Set-Cookie" or "Content-Length"))
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal)];

    private static List<string> SetCookies(HttpResponseMessage response) =>
        [.. (response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            .Select(c => CookieValue().Replace(c, "$1=*"))
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex Token();

    [GeneratedRegex("^([^=]+)=[^;]*")]
    private static partial Regex CookieValue();

    [GeneratedRegex("<h1[\\s>]")]
    private static partial Regex H1();
}
