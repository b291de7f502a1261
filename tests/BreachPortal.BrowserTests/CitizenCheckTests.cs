using System.Text.RegularExpressions;
using BreachPortal.BrowserTests.Support;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests;

/// <summary>
/// "Was I affected?" and "Is this message from you?" as a person meets them (axe-core needs scripts, so the pages
/// are checked with it in the script-enabled tests only): the code read from the Development
/// mailbox the portal sends to, the results, the end of the session; a reference code checked, a fake reported.
/// </summary>
public sealed partial class CitizenCheckTests(BrowserFixture browser, SendingLivePortal portal) : IClassFixture<SendingLivePortal>
{
    [Fact]
    public async Task WithoutJavaScript_AnEmailGetsACode_TheResultsShowTheIncident_AndTheSessionEnds()
    {
        var person = (await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 1, phone: null, emailDomain: "check-browser.example")).Single();
        await using var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(portal.Url("/check"));
        await page.GetByLabel("Adresse électronique ou numéro de téléphone mobile").FillAsync(person.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir un code" }).ClickAsync();

        Assert.Equal("Saisissez le code reçu", await page.Locator("h1").InnerTextAsync());
        var content = await page.ContentAsync();
        Assert.DoesNotContain(person.Email!, content, StringComparison.Ordinal);
        Assert.Contains("n•••@check-browser.example", content, StringComparison.Ordinal);

        var code = await CodeFromMailboxAsync(context, person.Email!);
        await page.GetByLabel("Code à 6 chiffres").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir mes résultats" }).ClickAsync();

        Assert.EndsWith("/check/result", page.Url, StringComparison.Ordinal);
        Assert.Equal("Vos résultats", await page.Locator("h1").InnerTextAsync());
        var results = await page.Locator("main").InnerTextAsync();
        Assert.Contains("FT-2024-03", results, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Email!, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Terminer ma consultation" }).ClickAsync();
        Assert.Contains("Consultation terminée", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync(portal.Url("/check/result"));
        Assert.Contains("Aucune consultation en cours", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InEnglish_AMobileGetsACodeBySms_AndTheResultsAreInEnglish()
    {
        var person = (await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 1, email: false)).Single();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(portal.Url("/en/check"));
        await Axe.AssertNoSeriousViolationAsync(page);
        var national = "0" + person.Phone![3..];
        await page.GetByLabel("Email address or mobile phone number").FillAsync(national);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a code" }).ClickAsync();
        Assert.Equal("Enter the code you received", await page.Locator("h1").InnerTextAsync());

        var code = await CodeFromMailboxAsync(context, person.Phone!);
        await page.GetByLabel("6-digit code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "See my results" }).ClickAsync();

        Assert.EndsWith("/en/check/result", page.Url, StringComparison.Ordinal);
        Assert.Equal("Your results", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.DoesNotContain(person.Phone!, await page.ContentAsync(), StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationAsync(page);
    }

    [Fact]
    public async Task ARealCodeIsConfirmed_AnUnknownOneLeadsToTheReportForm_EveryStepAxeClean()
    {
        var person = (await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 1, phone: null, emailDomain: "verify-browser.example")).Single();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(portal.Url("/check"));
        await page.GetByLabel("Adresse électronique ou numéro de téléphone mobile").FillAsync(person.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir un code" }).ClickAsync();
        var reference = await ReferenceFromMailboxAsync(context, person.Email!);
        await page.GotoAsync(portal.Url("/verify"));
        await Axe.AssertNoSeriousViolationAsync(page);
        await page.GetByLabel("Code de référence indiqué dans le message").FillAsync(reference.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        var answer = await page.Locator("main").InnerTextAsync();
        Assert.Contains($"Oui : nous avons envoyé un message avec le code {reference}", answer, StringComparison.Ordinal);
        Assert.Contains("un code de vérification demandé sur ce site", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("verify-browser.example", await page.ContentAsync(), StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationAsync(page);

        await page.GetByLabel("Code de référence indiqué dans le message").FillAsync("K7M3-Q9PX-4TRW");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        answer = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Nous n'avons jamais envoyé de message avec ce code.", answer, StringComparison.Ordinal);
        Assert.Contains("33700", answer, StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Signaler un faux message" }).First.ClickAsync();
        await Axe.AssertNoSeriousViolationAsync(page);
        await page.Locator("label[for=report-channel-Sms]").ClickAsync();
        await page.GetByLabel("Texte du message ou description").FillAsync("Votre dossier est suspendu, réglez 2 € sur http://faux-portail.example/pay");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le signalement" }).ClickAsync();
        Assert.Contains("Merci, votre signalement est enregistré", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationAsync(page);
    }

    /// <summary>Reads the code the way a newcomer would: on /dev/mailbox, in the newest message to that address or number.</summary>
    private async Task<string> CodeFromMailboxAsync(IBrowserContext context, string to) =>
        SixDigits().Match(await MessageToAsync(context, to)).Value;

    private async Task<string> ReferenceFromMailboxAsync(IBrowserContext context, string to)
    {
        var message = await MessageToAsync(context, to);
        return ReferenceCode().Match(message).Value;
    }

    private async Task<string> MessageToAsync(IBrowserContext context, string to)
    {
        var mailbox = await context.NewPageAsync();
        try
        {
            return await Eventually.WaitAsync(
                async _ =>
                {
                    await mailbox.GotoAsync(portal.Url("/dev/mailbox"));
                    var card = mailbox.Locator("article").Filter(new() { HasText = to });
                    return await card.CountAsync() > 0 ? await card.First.InnerTextAsync() : "";
                },
                text => SixDigits().IsMatch(text),
                _ => "No code reached the development mailbox");
        }
        finally
        {
            await mailbox.CloseAsync();
        }
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")]
    private static partial Regex ReferenceCode();
}
