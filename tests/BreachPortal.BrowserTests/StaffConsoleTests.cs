using BreachPortal.BrowserTests.Pages;
using BreachPortal.BrowserTests.Support;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BreachPortal.BrowserTests;

public sealed class StaffConsoleTests(BrowserFixture browser, LivePortal portal) : IClassFixture<LivePortal>
{
    [Fact]
    public async Task FirstAdministrator_EnrolsFromTheLinkThenSignsInWithTheKeyboard()
    {
        var email = $"premiere.admin.{Guid.NewGuid():N}@agence.example";
        string link;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var (result, invitation) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAdministratorAsync(email, CancellationToken.None);
            Assert.True(result.Succeeded, result.ErrorKey);
            link = invitation!.Link;
        }

        await using var context = await browser.NewContextAsync();
        var console = new StaffConsole(await context.NewPageAsync());
        await console.Page.GotoAsync(portal.Url(new Uri(link).PathAndQuery));

        await console.TypeAsync("Nouveau mot de passe", TestStaff.Password);
        await console.TypeAsync("Confirmer le nouveau mot de passe", TestStaff.Password);
        await console.SubmitWithEnterAsync();
        var key = await console.AuthenticatorKeyAsync();
        Assert.Equal(1, await console.Page.Locator("img[src^='data:image/png;base64,']").CountAsync());
        await console.TypeAsync("Code à 6 chiffres", TestTotp.Code(key, TestTotp.CurrentStep));
        await console.SubmitWithEnterAsync();
        var codes = await console.RecoveryCodesAsync();
        Assert.Equal(10, codes.Count);

        await console.Page.GetByRole(AriaRole.Link, new() { Name = "J'ai noté mes codes : aller à la console" }).ClickAsync();
        await console.Page.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/staff$"));
        Assert.Equal("Console du personnel", await console.HeadingAsync());

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await console.Page.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/staff/sign-in\\?ended=signed-out$"));
        await console.SignInAsync(email, TestStaff.Password, TestTotp.Code(key, TestTotp.CurrentStep + 1));

        Assert.Equal("Console du personnel", await console.HeadingAsync());
        Assert.Equal(1, await console.Page.Locator("nav.fr-sidemenu").GetByRole(AriaRole.Link, new() { Name = "Personnel", Exact = true }).CountAsync());
        Assert.DoesNotContain(email, await console.Page.ContentAsync(), StringComparison.Ordinal);
    }

    private static readonly string[] Languages = ["", "/en"];
    private static readonly string[] SignedInPaths =
        ["/staff", "/staff/admin/staff", "/staff/admin/staff/invite", "/staff/admin/staff/{id}", "/staff/audit", "/staff/me/password", "/staff/me/recovery-codes", "/staff/me/phone",
         "/staff/imports", "/staff/people/lookup", "/staff/citizens/reports", "/staff/citizens/limits",
         "/staff/templates?incident=FT-2024-03", "/staff/templates/1", "/staff/templates/new?incident=FT-2024-03&channel=Sms&language=fr",
         "/staff/campaigns", "/staff/campaigns/new",
         "/staff/authority", "/staff/authority/FT-2024-03", "/staff/authority/FT-2024-03/edit", "/staff/authority/FT-2024-03/art33", "/staff/authority/FT-2024-03/art34",
         "/staff/authority/FT-2024-03/notifications/new"];

    public static TheoryData<string> StaffPages => new(
        from prefix in Languages
        from path in SignedInPaths
        select prefix + path);

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task SignedInStaffPage_HasNoSeriousOrCriticalViolation(string path)
    {
        var staff = await TestStaff.CreateAsync(portal.Factory, StaffRoles.Administrator, StaffRoles.Auditor, StaffRoles.Operator);
        await using var context = await browser.NewContextAsync();
        var console = new StaffConsole(await context.NewPageAsync());
        await console.Page.GotoAsync(portal.Url("/staff/sign-in"));
        await console.SignInAsync(staff.Email, TestStaff.Password, staff.NextCode());
        Assert.Equal("Console du personnel", await console.HeadingAsync());

        await console.Page.GotoAsync(portal.Url(path.Replace("{id}", staff.Id.ToString(), StringComparison.Ordinal)));

        await Axe.AssertNoSeriousViolationAsync(console.Page);
    }

    [Theory]
    [InlineData("/staff/sign-in")]
    [InlineData("/en/staff/sign-in")]
    [InlineData("/staff/enrol?token=unknown")]
    [InlineData("/en/staff/enrol?token=unknown")]
    public async Task SignedOutStaffPage_HasNoSeriousOrCriticalViolation(string path)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(portal.Url(path));

        await Axe.AssertNoSeriousViolationAsync(page);
    }

    [Fact]
    public async Task EnrolmentSteps_HaveNoSeriousOrCriticalViolation()
    {
        string link;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var (_, invitation) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
                .InviteAsync(Web.Staff.Audit.AuditActor.System, $"agent.{Guid.NewGuid():N}@agence.example", [StaffRoles.Operator], CancellationToken.None);
            link = invitation!.Link;
        }

        await using var context = await browser.NewContextAsync();
        var console = new StaffConsole(await context.NewPageAsync());
        await console.Page.GotoAsync(portal.Url(new Uri(link).PathAndQuery));
        await Axe.AssertNoSeriousViolationAsync(console.Page);
        await console.TypeAsync("Nouveau mot de passe", TestStaff.Password);
        await console.TypeAsync("Confirmer le nouveau mot de passe", TestStaff.Password);
        await console.SubmitWithEnterAsync();
        await Axe.AssertNoSeriousViolationAsync(console.Page);
        await console.TypeAsync("Code à 6 chiffres", TestTotp.Code(await console.AuthenticatorKeyAsync(), TestTotp.CurrentStep));
        await console.SubmitWithEnterAsync();
        await Axe.AssertNoSeriousViolationAsync(console.Page);
    }
}
