using System.Net;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Localization;

public sealed class LanguageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", "fr", "Violations de données personnelles : l'information officielle")]
    [InlineData("/en", "en", "Personal data breaches: the official information")]
    [InlineData("/en/", "en", "Personal data breaches: the official information")]
    [InlineData("/accessibilite", "fr", "Déclaration d'accessibilité")]
    [InlineData("/en/accessibilite", "en", "Accessibility statement")]
    [InlineData("/mentions-legales", "fr", "Mentions légales")]
    [InlineData("/en/mentions-legales", "en", "Legal notice")]
    public async Task Page_IsInTheLanguageOfItsAddress(string path, string language, string heading)
    {
        var response = await app.CreateClient().GetAsync(path, _cancellationToken);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(language, page.Language);
        Assert.Equal(heading, page.Heading);
        Assert.Equal(language, response.Content.Headers.ContentLanguage.Single());
    }

    [Theory]
    [InlineData("/incidents/FT-2024-03", "English", "/en/incidents/FT-2024-03")]
    [InlineData("/en/incidents/FT-2024-03", "Français", "/incidents/FT-2024-03")]
    [InlineData("/en/mentions-legales", "Français", "/mentions-legales")]
    [InlineData("/", "English", "/en")]
    [InlineData("/en", "Français", "/")]
    public async Task LanguageSwitch_LeadsToTheSamePageInTheOtherLanguage(string path, string linkText, string expected)
    {
        var page = await HtmlPage.ReadAsync(await app.CreateClient().GetAsync(path, _cancellationToken));

        Assert.Equal(expected, page.LinkHref(linkText));
    }

    [Fact]
    public async Task LinksOnAnEnglishPage_StayInEnglish()
    {
        var page = await HtmlPage.ReadAsync(await app.CreateClient().GetAsync("/en", _cancellationToken));

        Assert.Equal("/en/incidents/FT-2024-03", page.Links.First(l => l.Href.Contains("FT-2024-03", StringComparison.Ordinal)).Href);
        Assert.Equal("/en/accessibilite", page.LinkHref("Accessibility: not compliant"));
    }

    [Fact]
    public async Task FrenchPrefix_RedirectsPermanentlyToTheRootAddress()
    {
        var response = await app.CreateClient().GetAsync("/fr/incidents/FT-2024-03", _cancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/incidents/FT-2024-03", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("en-US,en;q=0.9")]
    [InlineData("zz-@@@;q=banana, ,;;")]
    [InlineData("xx-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")]
    public async Task AcceptLanguageHeader_AnyValue_DoesNotChangeTheLanguageOrBreakThePage(string acceptLanguage)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var response = await client.GetAsync("/incidents/FT-2024-03", _cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fr", (await HtmlPage.ReadAsync(response)).Language);
    }

    [Theory]
    [InlineData("/?culture=zz-ZZ&ui-culture=%%%")]
    [InlineData("/en?culture=fr-FR")]
    public async Task CultureQueryOrCookie_IsIgnored(string path)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=xx|uic=%%%");

        var response = await client.GetAsync(path, _cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(path.StartsWith("/en", StringComparison.Ordinal) ? "en" : "fr", (await HtmlPage.ReadAsync(response)).Language);
    }

    [Theory]
    [InlineData("/zz/incidents/FT-2024-03")]
    [InlineData("/en-XX/incidents/FT-2024-03")]
    public async Task UnknownLanguagePrefix_GetsTheFrenchNotFoundPage(string path)
    {
        var response = await app.CreateClient().GetAsync(path, _cancellationToken);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("fr", page.Language);
        Assert.Equal("Page introuvable", page.Heading);
    }
}
