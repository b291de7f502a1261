using BreachPortal.BrowserTests.Support;

namespace BreachPortal.BrowserTests;

/// <summary>Every public page, in both languages, passes axe-core's WCAG 2.1 A/AA rules with no serious or critical issue.</summary>
public sealed class AccessibilityTests(BrowserFixture browser, LivePortal portal) : IClassFixture<LivePortal>
{
    private static readonly string[] LanguagePrefixes = ["", "/en"];
    private static readonly string[] Paths =
        ["/", "/incidents/FT-2024-03", "/incidents/PE-2023-08", "/accessibilite", "/mentions-legales", "/incidents/XX-0000-00", "/check", "/check/result", "/verify", "/verify/report"];

    public static TheoryData<string> PublicPages => new(
        from prefix in LanguagePrefixes
        from path in Paths
        select prefix + path);

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_HasNoSeriousOrCriticalViolation(string path)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(portal.Url(path));

        await Axe.AssertNoSeriousViolationAsync(page);
    }
}
