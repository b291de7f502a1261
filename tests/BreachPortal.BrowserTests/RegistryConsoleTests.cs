using System.Text;
using BreachPortal.BrowserTests.Pages;
using BreachPortal.BrowserTests.Support;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Staff;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests;

public sealed class RegistryConsoleTests(BrowserFixture browser, LivePortal portal) : IClassFixture<LivePortal>
{
    [Fact]
    public async Task Operator_UploadsAnExtractWithTheScriptOn_SeesItComplete_ThenFindsAPersonByKeyboard()
    {
        var nir = NewNir();
        var csv = "nir;nom;prenom;email;telephone\n"
            + $"{nir};Lefèvre;Hélène;helene.{nir[^5..]}@example.fr;06 11 22 33 44\n"
            + $"{NewNir()[..13]}00;Martin;Paul;;\n";
        var staff = await TestStaff.CreateAsync(portal.Factory, StaffRoles.Operator);
        await using var context = await browser.NewContextAsync();
        var console = new StaffConsole(await context.NewPageAsync());
        await console.Page.GotoAsync(portal.Url("/staff/sign-in"));
        await console.SignInAsync(staff.Email, TestStaff.Password, staff.NextCode());

        await console.Page.GotoAsync(portal.Url("/staff/imports"));
        await console.Page.GetByLabel("Incident").SelectOptionAsync("FT-2024-03");
        await console.Page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "extrait.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await console.Page.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/staff/imports/[0-9]+$"));

        Assert.Contains("État : terminé", await console.Page.Locator("#batch-state").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("La clé du numéro de sécurité sociale ne correspond pas", await console.Page.ContentAsync(), StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationAsync(console.Page);

        await console.Page.GotoAsync(portal.Url("/staff/people/lookup"));
        await Axe.AssertNoSeriousViolationAsync(console.Page);
        await console.Page.Locator("label[for=lookup-kind-Nir]").ClickAsync();
        await console.Page.Locator("#lookup-value").FocusAsync();
        await console.Page.Keyboard.TypeAsync(nir);
        await console.Page.Keyboard.PressAsync("Tab");
        await console.Page.Keyboard.TypeAsync("Appel de la personne au 3949, vérification de son dossier");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).FocusAsync();
        await console.Page.Keyboard.PressAsync("Enter");
        await console.Page.WaitForSelectorAsync("text=FT-2024-03");

        var content = await console.Page.ContentAsync();
        Assert.Contains("FT-2024-03", content, StringComparison.Ordinal);
        Assert.DoesNotContain(nir, content, StringComparison.Ordinal);
        Assert.DoesNotContain("Lefèvre", content, StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationAsync(console.Page);
    }

    private static int _next = Random.Shared.Next(1, 500_000);

    private static string NewNir()
    {
        var n = Interlocked.Increment(ref _next);
        var first = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"2{80 + (n % 20):00}{1 + (n / 20 % 12):00}69{100 + (n / 240 % 800):000}{1 + (n / 192000 % 999):000}");
        return first + Nir.ComputeKey(first).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }
}
