using Microsoft.Playwright;

namespace BreachPortal.BrowserTests.Support;

/// <summary>One headless Debian Chromium for the run; Playwright never downloads a browser here.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Playwright's 30 s (5 s for an expectation) is short on a loaded 2-core machine running the whole suite; a
    // test waits for the thing itself, so a longer ceiling costs nothing when things are quick.
    private const float ActionTimeout = 90_000;
    private const float ExpectationTimeout = 60_000;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A new context (cookies, storage) with this suite's timeouts.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(ActionTimeout);
        context.SetDefaultNavigationTimeout(ActionTimeout);
        return context;
    }

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectationTimeout);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (tools/test does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
