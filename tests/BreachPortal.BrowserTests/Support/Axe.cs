using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests.Support;

public static class Axe
{
    /// <summary>axe-core's WCAG 2.1 A/AA and best-practice rules: no serious or critical violation on the page.</summary>
    public static async Task AssertNoSeriousViolationAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });

        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(
            blocking.Count == 0,
            page.Url + Environment.NewLine + string.Join(Environment.NewLine, blocking.Select(v =>
                $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }
}
