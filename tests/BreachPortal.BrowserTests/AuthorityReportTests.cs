using BreachPortal.BrowserTests.Pages;
using BreachPortal.BrowserTests.Support;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests;

/// <summary>The Art. 33 report as the CNIL liaison prints it: a button with JavaScript, the browser's own command without.</summary>
public sealed class AuthorityReportTests(BrowserFixture browser, LivePortal portal) : IClassFixture<LivePortal>
{
    private const string ReportPath = "/staff/authority/FT-2024-03/art33";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Art33Report_OffersThePrintButtonOnlyWhenItWorks_AndPrintsWithoutTheConsoleAround(bool javaScript)
    {
        var liaison = await TestStaff.CreateAsync(portal.Factory, StaffRoles.CnilLiaison);
        await using var context = await browser.NewContextAsync(new() { JavaScriptEnabled = javaScript });
        var console = new StaffConsole(await context.NewPageAsync());
        await console.Page.GotoAsync(portal.Url("/staff/sign-in"));
        await console.SignInAsync(liaison.Email, TestStaff.Password, liaison.NextCode());

        await console.Page.GotoAsync(portal.Url(ReportPath));

        var button = console.Page.GetByRole(AriaRole.Button, new() { Name = "Imprimer ou enregistrer en PDF" });
        var fallback = console.Page.Locator("[data-print-fallback]");
        Assert.Equal(javaScript, await button.IsVisibleAsync());
        Assert.Equal(!javaScript, await fallback.IsVisibleAsync());
        await console.Page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await console.Page.Locator("nav.fr-sidemenu").IsVisibleAsync());
        Assert.False(await console.Page.Locator("header.fr-header").IsVisibleAsync());
        Assert.False(await button.IsVisibleAsync());
        Assert.True(await console.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).IsVisibleAsync());
    }
}
