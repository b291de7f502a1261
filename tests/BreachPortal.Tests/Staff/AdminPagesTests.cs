using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Staff;

public sealed class AdminPagesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffList_ShowsAccountsMaskedWithRolesAndState()
    {
        var admin = await TestStaff.CreateAsync(app.Factory, StaffRoles.Administrator);
        var colleague = await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison);
        var client = await admin.SignInAsync(app.Factory);

        var page = await HtmlPage.ReadAsync(await client.GetAsync("/staff/admin/staff", Cancel));

        Assert.DoesNotContain(colleague.Email, page.Html, StringComparison.Ordinal);
        Assert.Contains("a•••@agence.example", page.Text, StringComparison.Ordinal);
        Assert.Contains("Correspondant CNIL", page.Text, StringComparison.Ordinal);
        Assert.Contains("Actif", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_ChangedOnTheAccountPage_AreSavedAuditedAndApplyAtTheNextRequest()
    {
        var admin = await TestStaff.CreateAsync(app.Factory, StaffRoles.Administrator);
        var colleague = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var adminClient = await admin.SignInAsync(app.Factory);
        var colleagueClient = await colleague.SignInAsync(app.Factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleagueClient.GetAsync("/staff/audit", Cancel)).StatusCode);

        var path = $"/staff/admin/staff/{colleague.Id}";
        var response = await FormPage.SubmitAsync(adminClient, path, path + "?handler=Roles", new Dictionary<string, string> { ["Input.Roles"] = StaffRoles.Auditor });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleagueClient.GetAsync("/staff/audit", Cancel)).StatusCode);
        var events = await AuditTrail.ForStaffAsync(app.ConnectionString, colleague.Id);
        Assert.Contains(events, e => e.Type == AuditEventType.RoleGranted && e.Detail == StaffRoles.Auditor && e.ActorId == admin.Id);
        Assert.Contains(events, e => e.Type == AuditEventType.RoleRevoked && e.Detail == StaffRoles.Operator && e.ActorId == admin.Id);
    }

    [Fact]
    public async Task Roles_NoneChosen_IsRefusedAndNothingChanges()
    {
        var admin = await TestStaff.CreateAsync(app.Factory, StaffRoles.Administrator);
        var colleague = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await admin.SignInAsync(app.Factory);

        var path = $"/staff/admin/staff/{colleague.Id}";
        var response = await FormPage.SubmitAsync(client, path, path + "?handler=Roles", new Dictionary<string, string>());

        Assert.Contains("Choisissez au moins un rôle", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.UserRoles.CountAsync(r => r.UserId == colleague.Id, Cancel));
    }

    [Fact]
    public async Task Disable_FromTheAccountPage_EndsTheColleaguesSessionAndIsAudited()
    {
        var admin = await TestStaff.CreateAsync(app.Factory, StaffRoles.Administrator);
        var colleague = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var adminClient = await admin.SignInAsync(app.Factory);
        var colleagueClient = await colleague.SignInAsync(app.Factory);

        var path = $"/staff/admin/staff/{colleague.Id}";
        var response = await FormPage.SubmitAsync(adminClient, path, path + "?handler=Disable", new Dictionary<string, string>());
        var after = await HtmlPage.ReadAsync(await adminClient.GetAsync(path, Cancel));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Le compte est désactivé", after.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await colleagueClient.GetAsync("/staff", Cancel)).StatusCode);
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, colleague.Id), e => e.Type == AuditEventType.AccountDisabled && e.ActorId == admin.Id);
    }

    [Fact]
    public async Task LastAdministrator_CannotRemoveTheirOwnRoleOrBeLockedOutOfTheConsole()
    {
        await using var alone = await PortalFactory.StartAsync(app.Server);
        var admin = await TestStaff.CreateAsync(alone, StaffRoles.Administrator);
        var client = await admin.SignInAsync(alone);

        var path = $"/staff/admin/staff/{admin.Id}";
        var response = await FormPage.SubmitAsync(client, path, path + "?handler=Roles", new Dictionary<string, string> { ["Input.Roles"] = StaffRoles.Auditor });

        Assert.Contains("C'est le dernier administrateur actif", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/admin/staff", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Invite_WithAnInvalidAddress_SaysWhatIsWrongAndCreatesNothing()
    {
        var admin = await TestStaff.CreateAsync(app.Factory, StaffRoles.Administrator);
        var client = await admin.SignInAsync(app.Factory);
        await using var db = app.CreateDbContext();
        var before = await db.Users.CountAsync(Cancel);

        var response = await FormPage.SubmitAsync(client, "/staff/admin/staff/invite", "/staff/admin/staff/invite", new Dictionary<string, string>
        {
            ["Input.Email"] = "pas une adresse",
            ["Input.Roles"] = StaffRoles.Operator,
        });

        Assert.Contains("doit contenir une adresse électronique", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
        Assert.Equal(before, await db.Users.CountAsync(Cancel));
    }
}
