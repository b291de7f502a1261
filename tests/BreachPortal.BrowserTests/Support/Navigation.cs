using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests.Support;

public static class Navigation
{
    /// <summary>
    /// Waits until the page at <paramref name="url"/> is shown and parsed down to its footer.
    /// Playwright's own waits (WaitForURLAsync, load states) listen for load events, and more than once one of them
    /// was missed (a DOMContentLoaded, a load) and the wait hung for its whole timeout although the page was there.
    /// The address and the footer are read instead, until they are the ones expected.
    /// </summary>
    public static Task WaitForPageAsync(this IPage page, string url) =>
        page.WaitForPageAsync(shown => string.Equals(shown, url, StringComparison.Ordinal), url);

    /// <inheritdoc cref="WaitForPageAsync(IPage, string)"/>
    public static Task WaitForPageAsync(this IPage page, Regex url) =>
        page.WaitForPageAsync(url.IsMatch, url.ToString());

    private static async Task WaitForPageAsync(this IPage page, Func<string, bool> matches, string expected)
    {
        await Eventually.UntilAsync(() => matches(page.Url), $"The browser did not reach {expected} (it shows {page.Url})");
        await page.Locator("footer#footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
