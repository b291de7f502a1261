using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff;

public sealed partial class EnrolmentTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public sealed record Enrolment(TestStaff Staff, List<string> RecoveryCodes, string Link);

    [Fact]
    public async Task Invitation_FromTheAdminPage_EmailsALinkThatEnrolsTheNewcomer()
    {
        var admin = await TestStaff.CreateAsync(app.Factory, StaffRoles.Administrator);
        var adminClient = await admin.SignInAsync(app.Factory);
        var email = $"nouvelle.recrue.{Guid.NewGuid():N}@agence.example";

        var invite = await FormPage.SubmitAsync(adminClient, "/staff/admin/staff/invite", "/staff/admin/staff/invite", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Roles"] = StaffRoles.Operator,
        });
        var accountPage = await HtmlPage.ReadAsync(await adminClient.GetAsync(invite.Headers.Location, Cancel));
        var enrolment = await EnrolAsync(app, app.CreateClient(), email, LinkSentTo(email));

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        Assert.Contains("Le lien d'inscription a été envoyé par courriel", accountPage.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(email, accountPage.Html, StringComparison.Ordinal);
        Assert.Equal(10, enrolment.RecoveryCodes.Distinct().Count());
        var events = await AuditTrail.ForStaffAsync(app.ConnectionString, enrolment.Staff.Id);
        var created = Assert.Single(events, e => e.Type == AuditEventType.AccountCreated);
        Assert.Equal(admin.Id, created.ActorId);
        Assert.Contains(events, e => e.Type == AuditEventType.InvitationSent);
        Assert.Contains(events, e => e.Type == AuditEventType.InvitationAccepted);
        Assert.Contains(events, e => e.Type == AuditEventType.SecondFactorEnrolled);
    }

    [Fact]
    public async Task Enrolment_ShowsTheKeyInTextAndAQrCodeThenSignsTheNewcomerIn()
    {
        var client = app.CreateClient();

        var enrolment = await InviteAndEnrolAsync(app, client, StaffRoles.Auditor);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/audit", Cancel)).StatusCode);
        var signIn = await enrolment.Staff.SignInAsync(app.Factory);
        Assert.Equal(HttpStatusCode.OK, (await signIn.GetAsync("/staff", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Link_UsedASecondTime_IsRefusedWithAClearMessageAndAudited()
    {
        var enrolment = await InviteAndEnrolAsync(app, app.CreateClient(), StaffRoles.Operator);

        var again = await app.CreateClient().GetAsync(PathOf(enrolment.Link), Cancel);

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Ce lien d'inscription a déjà servi", (await HtmlPage.ReadAsync(again)).Text, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, enrolment.Staff.Id), e => e.Type == AuditEventType.InvitationRefused && e.Detail == "AlreadyUsed");
    }

    [Fact]
    public async Task Link_Expired_IsRefusedAndTheAccountStaysUnenrolled()
    {
        var (user, link) = await InviteAsync(StaffRoles.Operator);
        await using (var db = app.CreateDbContext())
        {
            await db.Set<StaffInvitation>().Where(i => i.UserId == user.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)), Cancel);
        }

        var client = app.CreateClient();
        var response = await client.GetAsync(PathOf(link), Cancel);
        var token = FormPage.Token(await client.GetStringAsync("/staff/sign-in", Cancel));
        var password = await FormPage.PostAsync(client, PathOf(link) + "&handler=Password", token, new Dictionary<string, string>
        {
            ["Token"] = TestStaff.TokenOf(link),
            ["Password.NewPassword"] = TestStaff.Password,
            ["Password.ConfirmPassword"] = TestStaff.Password,
        });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Ce lien d'inscription a expiré", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, password.StatusCode);
        await using var check = app.CreateDbContext();
        var stored = await check.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Cancel);
        Assert.Null(stored.PasswordHash);
        Assert.Null(stored.EnrolledAt);
    }

    [Fact]
    public async Task Link_ReplacedByANewerOne_IsRefused()
    {
        var (user, link) = await InviteAsync(StaffRoles.Operator);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var resent = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ResendInvitationAsync(AuditActor.System, user.Id, Cancel);
            Assert.True(resent.Succeeded);
        }

        var response = await app.CreateClient().GetAsync(PathOf(link), Cancel);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Ce lien a été remplacé par un lien plus récent", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_Unknown_Answers404WithAnExplanation()
    {
        var response = await app.CreateClient().GetAsync("/staff/enrol?token=not-a-real-token", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Ce lien d'inscription n'existe pas", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolment_WrongCode_KeepsTheKeyStepAndTheLinkStaysUsable()
    {
        var (_, link) = await InviteAsync(StaffRoles.Operator);
        var client = app.CreateClient();
        var keyStep = await PasswordStepAsync(client, link, TestStaff.Password);
        var key = KeyOf(keyStep);

        var wrong = await CodeStepAsync(client, link, keyStep, TestTotp.Code(key, TestTotp.CurrentStep + 7));
        var right = await CodeStepAsync(client, link, wrong, TestTotp.Code(key, TestTotp.CurrentStep));

        Assert.Contains("Ce code est incorrect ou expiré", wrong.Text, StringComparison.Ordinal);
        Assert.Equal(key, KeyOf(wrong));
        Assert.Contains("Ces codes ne seront plus jamais affichés", right.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolment_CommonPassword_IsRefusedWithTheReason()
    {
        var (_, link) = await InviteAsync(StaffRoles.Operator);

        var page = await PasswordStepAsync(app.CreateClient(), link, "azertyuiop123");

        Assert.Contains("trop courant ou trop facile à deviner", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator-key", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolment_ShortPassword_IsRefusedWithTheMinimumLength()
    {
        var (_, link) = await InviteAsync(StaffRoles.Operator);

        var page = await PasswordStepAsync(app.CreateClient(), link, "Kx9#mQ2!");

        Assert.Contains("au moins 12 caractères", page.Text, StringComparison.Ordinal);
    }

    /// <summary>Invites through the service, then enrols through the pages with <paramref name="client"/>.</summary>
    public static async Task<Enrolment> InviteAndEnrolAsync(PortalApp app, HttpClient client, string role)
    {
        var email = $"agent.{Guid.NewGuid():N}@agence.example";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var (result, _) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().InviteAsync(AuditActor.System, email, [role], Cancel);
            Assert.True(result.Succeeded, result.ErrorKey);
        }

        return await EnrolAsync(app, client, email, LinkSentTo(app, email));
    }

    private async Task<(StaffUser User, string Link)> InviteAsync(string role)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (result, invitation) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
            .InviteAsync(AuditActor.System, $"agent.{Guid.NewGuid():N}@agence.example", [role], Cancel);
        Assert.True(result.Succeeded, result.ErrorKey);
        return (invitation!.User, invitation.Link);
    }

    private string LinkSentTo(string email) => LinkSentTo(app, email);

    private static string LinkSentTo(PortalApp app, string email)
    {
        var mail = Assert.Single(app.Factory.Services.GetRequiredService<DevelopmentMailbox>().Messages, m => m.Message.To == email);
        return EnrolLink().Match(mail.Message.TextBody).Value;
    }

    private static async Task<Enrolment> EnrolAsync(PortalApp app, HttpClient client, string email, string link)
    {
        var keyStep = await PasswordStepAsync(client, link, TestStaff.Password);
        var key = KeyOf(keyStep);
        Assert.Contains("data:image/png;base64,", keyStep.Html, StringComparison.Ordinal);
        var codes = await CodeStepAsync(client, link, keyStep, TestTotp.Code(key, TestTotp.CurrentStep - 1));
        var recoveryCodes = RecoveryCode().Matches(codes.Html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff", TestContext.Current.CancellationToken)).StatusCode);
        await using var db = app.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        return new Enrolment(new TestStaff(userId, email, key), recoveryCodes, link);
    }

    private static async Task<HtmlPage> PasswordStepAsync(HttpClient client, string link, string password)
    {
        var response = await FormPage.SubmitAsync(client, PathOf(link), PathOf(link) + "&handler=Password", new Dictionary<string, string>
        {
            ["Token"] = TestStaff.TokenOf(link),
            ["Password.NewPassword"] = password,
            ["Password.ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }

    private static async Task<HtmlPage> CodeStepAsync(HttpClient client, string link, HtmlPage keyStep, string code)
    {
        var response = await FormPage.PostAsync(client, PathOf(link) + "&handler=Code", FormPage.Token(keyStep.Html), new Dictionary<string, string>
        {
            ["Token"] = TestStaff.TokenOf(link),
            ["Code.Value"] = code,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }

    private static string KeyOf(HtmlPage page) => AuthenticatorKey().Match(page.Html).Groups[1].Value;

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    [GeneratedRegex("http://localhost:5080/staff/enrol\\?token=[A-Za-z0-9_-]+")]
    private static partial Regex EnrolLink();

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([A-Z2-7 ]+)<")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
