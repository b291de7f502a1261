using BreachPortal.BrowserTests.Support;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests.Pages;

/// <summary>What every public page offers: its language, its heading and the language switch.</summary>
public class PortalPage(IPage page)
{
    public IPage Page { get; } = page;

    public Task<string?> LanguageAsync() => Page.Locator("html").GetAttributeAsync("lang");

    public Task<string> HeadingAsync() => Page.Locator("h1").InnerTextAsync();

    /// <summary>The switch in the header, which must be visible at every width, with or without JavaScript.</summary>
    public ILocator LanguageSwitch => Page.Locator("header").GetByRole(AriaRole.Link, new() { NameRegex = new("^(English|Français)$") });

    public Task SwitchLanguageAsync() => FollowAsync(LanguageSwitch);

    /// <summary>Clicks a link and waits until its page is the one shown.</summary>
    protected async Task FollowAsync(ILocator link)
    {
        var target = new Uri(new Uri(Page.Url), await link.GetAttributeAsync("href"));
        await link.ClickAsync();
        await Page.WaitForPageAsync(target.ToString());
    }
}

public sealed class HomePage(IPage page) : PortalPage(page)
{
    public async Task<IncidentPage> OpenIncidentAsync(string title)
    {
        await FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }));
        return new IncidentPage(Page);
    }
}

public sealed class IncidentPage(IPage page) : PortalPage(page)
{
    public Task<string> AuthorityDeadlineAsync() => Page.Locator("#authority-deadline").InnerTextAsync();

    public Task<IReadOnlyList<string>> NotExposedAsync() => Page.Locator("#not-exposed li").AllInnerTextsAsync();
}
