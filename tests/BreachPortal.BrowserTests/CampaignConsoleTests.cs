using System.Text.RegularExpressions;
using BreachPortal.BrowserTests.Pages;
using BreachPortal.BrowserTests.Support;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Web.Staff;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests;

/// <summary>The whole path of a notification campaign in the staff console, on the demo incident, with the dispatcher on.</summary>
public sealed partial class CampaignConsoleTests(BrowserFixture browser, SendingLivePortal portal) : IClassFixture<SendingLivePortal>
{
    private const string Incident = "FT-2024-03";
    private const string AddedLine = "Ligne ajoutée pour cette campagne de test.";

    [Fact]
    public async Task TwoOperators_WriteATemplate_CreateApproveAndStartACampaign_WatchItFinish_AndReadTheMessages()
    {
        var people = await NotificationPeople.ImportAsync(portal.Factory, Incident, 3, phone: null, emailDomain: "campagne.example");
        var author = await TestStaff.CreateAsync(portal.Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(portal.Factory, StaffRoles.Operator);
        await using var authorContext = await browser.NewContextAsync();
        var console = await SignedInAsync(authorContext, author);

        // A new version of the French email template, checked and previewed for a synthetic person.
        await console.Page.GotoAsync(portal.Url($"/staff/templates/new?incident={Incident}&channel=Email&language=fr"));
        var text = console.Page.Locator("#template-text");
        await text.FillAsync(await text.InputValueAsync() + "\n" + AddedLine);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la nouvelle version" }).ClickAsync();
        await console.Page.WaitForPageAsync(TemplateDetails());
        var templateId = TemplateDetails().Match(console.Page.Url).Groups[1].Value;
        var preview = await console.Page.Locator("main").InnerTextAsync();
        Assert.Contains("Camille", preview, StringComparison.Ordinal);
        Assert.Contains(AddedLine, preview, StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationAsync(console.Page);

        // The draft, pinned to that version, by email only.
        await console.Page.GotoAsync(portal.Url("/staff/campaigns/new"));
        await console.Page.Locator("#campaign-incident").SelectOptionAsync(Incident);
        await console.Page.Locator("#campaign-name").FillAsync("Campagne du test de bout en bout");
        await console.Page.Locator("label[for=campaign-policy-email]").ClickAsync();
        await console.Page.Locator("label[for=campaign-language-fr]").ClickAsync();
        await console.Page.GetByLabel("Version du modèle de courriel").SelectOptionAsync(templateId);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await console.Page.WaitForPageAsync(CampaignDetails());
        var details = console.Page.Url;
        Assert.Equal(0, await console.Page.GetByRole(AriaRole.Link, new() { Name = "Approuver", Exact = true }).CountAsync());
        await Axe.AssertNoSeriousViolationAsync(console.Page);

        // Four eyes: another Operator approves and starts it, each step confirmed.
        await using var approverContext = await browser.NewContextAsync();
        var second = await SignedInAsync(approverContext, approver);
        await second.Page.GotoAsync(details);
        await ConfirmAsync(second.Page, "Approuver");
        Assert.Contains("La campagne est approuvée", await second.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await ConfirmAsync(second.Page, "Lancer");
        Assert.Contains("La campagne est lancée", await second.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // The progress page, updated by its script, reaches the end on its own.
        await second.Page.GetByRole(AriaRole.Link, new() { Name = "Suivre l’avancement" }).Or(second.Page.Locator("a[href$='/progress']")).First.ClickAsync();
        await second.Page.WaitForPageAsync(new Regex("/progress$"));
        await Assertions.Expect(second.Page.Locator("#progress-status")).ToHaveTextAsync("Terminée", new() { Timeout = 60_000 });
        Assert.Contains("3 messages traités sur 3", await second.Page.Locator("#progress-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("3", await second.Page.Locator("#progress-bar").GetAttributeAsync("value"));
        await Axe.AssertNoSeriousViolationAsync(second.Page);

        // Every person's message, with the new line, in the development mailbox.
        await console.Page.GotoAsync(portal.Url("/dev/mailbox"));
        foreach (var person in people)
        {
            var card = console.Page.Locator("article").Filter(new() { HasText = person.Email! });
            Assert.Equal(1, await card.CountAsync());
            Assert.Contains(AddedLine, await card.InnerTextAsync(), StringComparison.Ordinal);
        }
    }

    private async Task<StaffConsole> SignedInAsync(IBrowserContext context, TestStaff staff)
    {
        var console = new StaffConsole(await context.NewPageAsync());
        await console.Page.GotoAsync(portal.Url("/staff/sign-in"));
        await console.SignInAsync(staff.Email, TestStaff.Password, staff.NextCode());
        return console;
    }

    /// <summary>Follows an action of the campaign's page to its confirmation page and confirms it.</summary>
    private static async Task ConfirmAsync(IPage page, string action)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = action, Exact = true }).ClickAsync();
        await page.WaitForPageAsync(new Regex("/confirm/"));
        await Axe.AssertNoSeriousViolationAsync(page);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await page.WaitForPageAsync(CampaignDetails());
    }

    [GeneratedRegex("/staff/templates/([0-9]+)(\\?.*)?$")]
    private static partial Regex TemplateDetails();

    [GeneratedRegex("/staff/campaigns/[0-9]+(\\?.*)?$")]
    private static partial Regex CampaignDetails();
}
