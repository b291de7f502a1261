using Microsoft.Playwright;

namespace BreachPortal.BrowserTests.Pages;

/// <summary>The staff console as a person uses it: fields reached by their labels, forms sent with Enter.</summary>
public sealed class StaffConsole(IPage page) : PortalPage(page)
{
    public async Task TypeAsync(string label, string text)
    {
        var field = Page.GetByLabel(label, new() { Exact = false }).First;
        await field.FocusAsync();
        await Page.Keyboard.TypeAsync(text);
    }

    /// <summary>Sends the form of the focused field as a keyboard user does, and waits for the next page.</summary>
    public async Task SubmitWithEnterAsync()
    {
        // The next document, whatever its address (a refused form comes back at the same one).
        await Page.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForFunctionAsync("() => document.readyState !== 'loading' && document.body && document.body.dataset.stale !== '1'");
    }

    public async Task<string> AuthenticatorKeyAsync() => (await Page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);

    public Task<IReadOnlyList<string>> RecoveryCodesAsync() => Page.Locator(".portal-recovery-codes code").AllInnerTextsAsync();

    public async Task SignInAsync(string email, string password, string code)
    {
        await TypeAsync("Adresse électronique professionnelle", email);
        await TypeAsync("Mot de passe", password);
        await SubmitWithEnterAsync();
        await TypeAsync("Code à 6 chiffres", code);
        await SubmitWithEnterAsync();
    }
}
