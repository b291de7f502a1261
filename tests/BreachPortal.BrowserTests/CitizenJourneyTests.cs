using BreachPortal.BrowserTests.Pages;
using BreachPortal.BrowserTests.Support;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests;

public sealed class CitizenJourneyTests(BrowserFixture browser, LivePortal portal) : IClassFixture<LivePortal>
{
    [Fact]
    public async Task HomeThenEnglishThenIncident_ShowsTheIncidentInEnglish()
    {
        await using var context = await browser.NewContextAsync();
        var home = new HomePage(await context.NewPageAsync());
        await home.Page.GotoAsync(portal.Url("/"));
        Assert.Equal("fr", await home.LanguageAsync());

        await home.SwitchLanguageAsync();
        Assert.Equal("en", await home.LanguageAsync());
        Assert.EndsWith("/en", home.Page.Url, StringComparison.Ordinal);

        var incident = await home.OpenIncidentAsync("Cyberattack on France Travail and Cap emploi (February–March 2024)");

        Assert.EndsWith("/en/incidents/FT-2024-03", incident.Page.Url, StringComparison.Ordinal);
        Assert.Equal("en", await incident.LanguageAsync());
        Assert.Equal("Cyberattack on France Travail and Cap emploi (February–March 2024)", await incident.HeadingAsync());
        Assert.Contains("8 days after detection", await incident.AuthorityDeadlineAsync(), StringComparison.Ordinal);
        Assert.Equal(["Password", "Bank details"], await incident.NotExposedAsync());

        await incident.SwitchLanguageAsync();
        Assert.EndsWith("/incidents/FT-2024-03", incident.Page.Url, StringComparison.Ordinal);
        Assert.Equal("fr", await incident.LanguageAsync());
    }

    [Fact]
    public async Task WithoutJavaScriptOnAPhone_TheSameJourneyWorks()
    {
        await using var context = await browser.NewContextAsync(new()
        {
            JavaScriptEnabled = false,
            ViewportSize = new() { Width = 375, Height = 812 },
        });
        var home = new HomePage(await context.NewPageAsync());
        await home.Page.GotoAsync(portal.Url("/"));

        Assert.True(await home.LanguageSwitch.IsVisibleAsync(), "The language switch must be visible on a phone without JavaScript.");
        await home.SwitchLanguageAsync();
        var incident = await home.OpenIncidentAsync("Data theft at a Pôle emploi service provider (2023)");

        Assert.EndsWith("/en/incidents/PE-2023-08", incident.Page.Url, StringComparison.Ordinal);
        Assert.Contains("The published dates do not allow us to say.", await incident.AuthorityDeadlineAsync(), StringComparison.Ordinal);
        Assert.Equal(["Email address", "Phone number", "Password", "Bank details"], await incident.NotExposedAsync());
    }

    [Fact]
    public async Task Keyboard_FirstTabReachesTheSkipLinkWhichLeadsToTheContent()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(portal.Url("/incidents/FT-2024-03"));

        await page.Keyboard.PressAsync("Tab");
        var focused = page.Locator(":focus");
        Assert.Equal("Contenu", await focused.InnerTextAsync());

        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#content", page.Url, StringComparison.Ordinal);
        Assert.Equal("content", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Fact]
    public async Task UnknownIncident_ShowsTheNotFoundPageWithAWayHome()
    {
        await using var context = await browser.NewContextAsync();
        var page = new PortalPage(await context.NewPageAsync());

        var response = await page.Page.GotoAsync(portal.Url("/en/incidents/XX-0000-00"));

        Assert.Equal(404, response!.Status);
        Assert.Equal("Page not found", await page.HeadingAsync());
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Home page" }).ClickAsync();
        await page.Page.WaitForPageAsync(portal.Url("/en"));
        Assert.Equal("en", await page.LanguageAsync());
    }
}
