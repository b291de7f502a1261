using System.Net;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Pages;

public sealed class IncidentPageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task FranceTravail_InFrench_ShowsTimelineLateNotificationAndData()
    {
        var page = await GetOkAsync("/incidents/FT-2024-03");

        Assert.Equal("fr", page.Language);
        Assert.Equal("Cyberattaque contre France Travail et Cap emploi (février–mars 2024)", page.Heading);
        var text = page.Text;
        Assert.Contains("Début de l'intrusion 6 février 2024", text, StringComparison.Ordinal);
        Assert.Contains("Fin de l'intrusion 5 mars 2024", text, StringComparison.Ordinal);
        Assert.Contains("Détection 29 février 2024", text, StringComparison.Ordinal);
        Assert.Contains("Notification à la CNIL 8 mars 2024", text, StringComparison.Ordinal);
        Assert.Contains("Annonce publique 13 mars 2024", text, StringComparison.Ordinal);
        Assert.Contains("Non : la CNIL a été notifiée 8 jours après la détection, au-delà des 72 heures.", text, StringComparison.Ordinal);
        Assert.Contains("36 820 828 personnes", text, StringComparison.Ordinal);
        Assert.Contains("Données exposées Nom Nom de naissance Prénom", text, StringComparison.Ordinal);
        Assert.Contains("Numéro de sécurité sociale (NIR)", text, StringComparison.Ordinal);
        Assert.Contains("Données non exposées Mot de passe Coordonnées bancaires", text, StringComparison.Ordinal);
        Assert.Contains("Les risques pour vous", text, StringComparison.Ordinal);
        Assert.Contains("Les mesures prises", text, StringComparison.Ordinal);
        Assert.Contains("Délégué à la protection des données France Travail 1 avenue du Docteur Gley 75987 Paris Cedex 20", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FranceTravail_InEnglish_ShowsTheSameFactsInEnglish()
    {
        var page = await GetOkAsync("/en/incidents/FT-2024-03");

        Assert.Equal("en", page.Language);
        Assert.Equal("Cyberattack on France Travail and Cap emploi (February–March 2024)", page.Heading);
        var text = page.Text;
        Assert.Contains("Detected 29 February 2024", text, StringComparison.Ordinal);
        Assert.Contains("Notified to the CNIL 8 March 2024", text, StringComparison.Ordinal);
        Assert.Contains("No: the CNIL was notified 8 days after detection, beyond 72 hours.", text, StringComparison.Ordinal);
        Assert.Contains("36,820,828 people", text, StringComparison.Ordinal);
        Assert.Contains("Data not exposed Password Bank details", text, StringComparison.Ordinal);
        Assert.Contains("Contact the Data Protection Officer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoleEmploi_WithImpreciseDates_SaysTheDatesCannotSettleTheDeadline()
    {
        var text = (await GetOkAsync("/incidents/PE-2023-08")).Text;

        Assert.Contains("Début de l'intrusion 2023", text, StringComparison.Ordinal);
        Assert.Contains("Fin de l'intrusion Non publiée", text, StringComparison.Ordinal);
        Assert.Contains("Détection août 2023", text, StringComparison.Ordinal);
        Assert.Contains("Annonce publique 23 août 2023", text, StringComparison.Ordinal);
        Assert.Contains("Les dates publiées ne permettent pas de le dire.", text, StringComparison.Ordinal);
        Assert.Contains("le jour même de la découverte", text, StringComparison.Ordinal);
        Assert.Contains("Données non exposées Adresse électronique Numéro de téléphone Mot de passe Coordonnées bancaires", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_InLowerCase_RedirectsPermanentlyToTheCanonicalAddress()
    {
        var response = await app.CreateClient().GetAsync("/en/incidents/ft-2024-03", _cancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/en/incidents/FT-2024-03", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/incidents/XX-1999-01", "fr", "Page introuvable")]
    [InlineData("/en/incidents/XX-1999-01", "en", "Page not found")]
    [InlineData("/incidents/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "fr", "Page introuvable")]
    [InlineData("/en/incidents/' OR 1=1 --", "en", "Page not found")]
    public async Task UnknownReference_GetsANotFoundPageInTheVisitorsLanguage(string path, string language, string heading)
    {
        var response = await app.CreateClient().GetAsync(path, _cancellationToken);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(language, page.Language);
        Assert.Equal(heading, page.Heading);
        Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "fr", "Page introuvable")]
    [InlineData("/en", "en", "Page not found")]
    public async Task OverLongReference_GetsANotFoundPage(string prefix, string language, string heading)
    {
        var response = await app.CreateClient().GetAsync($"{prefix}/incidents/{new string('A', 300)}", _cancellationToken);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(language, page.Language);
        Assert.Equal(heading, page.Heading);
    }

    [Theory]
    [InlineData("", "fr", "Adresse trop longue")]
    [InlineData("/en", "en", "Address too long")]
    public async Task OverLongPath_GetsAUriTooLongPageInTheVisitorsLanguage(string prefix, string language, string heading)
    {
        var response = await app.CreateClient().GetAsync($"{prefix}/incidents/{new string('x', 5000)}", _cancellationToken);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal(language, page.Language);
        Assert.Equal(heading, page.Heading);
        Assert.DoesNotContain("xxxxxxxxxx", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "fr", "Une erreur est survenue")]
    [InlineData("/en/incidents/FT-2024-03", "en", "Something went wrong")]
    public async Task DatabaseDown_GetsAnErrorPageWithoutTechnicalDetail(string path, string language, string heading)
    {
        await using var broken = PortalFactory.Production(UnreachableDatabase.ConnectionString);

        var response = await broken.CreateClient().GetAsync(path, _cancellationToken);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(language, page.Language);
        Assert.Equal(heading, page.Heading);
        Assert.DoesNotContain("Exception", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", page.Text, StringComparison.Ordinal);
    }

    private async Task<HtmlPage> GetOkAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(path, _cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }
}
