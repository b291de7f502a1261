using BreachPortal.BrowserTests.Support;

namespace BreachPortal.BrowserTests;

/// <summary>The strict Content-Security-Policy must not break the pages: no refused resource, no script error.</summary>
public sealed class ContentSecurityTests(BrowserFixture browser, LivePortal portal) : IClassFixture<LivePortal>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/en/incidents/FT-2024-03")]
    [InlineData("/accessibilite")]
    [InlineData("/check")]
    [InlineData("/en/verify")]
    public async Task Page_LoadsWithoutConsoleErrorsOrFailedResources(string path)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"failed: {request.Url}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status}: {response.Url}");
            }
        };

        await page.GotoAsync(portal.Url(path), new() { WaitUntil = Microsoft.Playwright.WaitUntilState.NetworkIdle });

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal("true", await page.Locator("html").GetAttributeAsync("data-fr-js"));
    }
}
