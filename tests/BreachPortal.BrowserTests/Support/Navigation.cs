using Microsoft.Playwright;

namespace BreachPortal.BrowserTests.Support;

public static class Navigation
{
    /// <summary>
    /// Waits until the page at <paramref name="url"/> is shown and parsed down to its footer.
    /// Waiting for a load state instead once missed the DOMContentLoaded of a script-less page and
    /// hung for the whole timeout, although the page had loaded.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("footer#footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
