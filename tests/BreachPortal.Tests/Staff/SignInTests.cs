using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachPortal.Tests.Staff;

public sealed class SignInTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_WithPasswordThenComputedCode_OpensTheConsoleAndIsAudited()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);

        var client = await staff.SignInAsync(app.Factory);
        var console = await client.GetAsync("/staff", Cancel);

        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Equal("Console du personnel", (await HtmlPage.ReadAsync(console)).Heading);
        var events = await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id);
        var signIn = Assert.Single(events, e => e.Type == AuditEventType.SignInSucceeded && e.Detail == "password and authenticator code");
        Assert.Equal(staff.Id, signIn.ActorId);
        Assert.DoesNotContain(staff.Email, signIn.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_PasswordAlone_DoesNotOpenTheConsole()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Administrator);
        var client = app.CreateClient();

        await staff.PasswordStepAsync(client);
        var console = await client.GetAsync("/staff", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Equal("/staff/sign-in?returnUrl=%2Fstaff", console.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SecondFactor_CodeReplayedFromAnotherBrowser_IsRefusedAndAudited()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var code = staff.NextCode();
        var first = app.CreateClient();
        await staff.PasswordStepAsync(first);
        Assert.Equal(HttpStatusCode.Redirect, (await TestStaff.CodeStepAsync(first, code)).StatusCode);

        var attacker = app.CreateClient();
        await staff.PasswordStepAsync(attacker);
        var replay = await TestStaff.CodeStepAsync(attacker, code);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("Ce code a déjà servi", (await HtmlPage.ReadAsync(replay)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/staff", Cancel)).StatusCode);
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id), e => e.Type == AuditEventType.SecondFactorReplayRefused);
    }

    [Fact]
    public async Task SecondFactor_WrongCode_IsRefusedWithAMessageAndAudited()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = app.CreateClient();
        await staff.PasswordStepAsync(client);

        var wrong = await TestStaff.CodeStepAsync(client, TestTotp.Code(staff.Key, TestTotp.CurrentStep + 5));

        Assert.Contains("Ce code est incorrect ou expiré", (await HtmlPage.ReadAsync(wrong)).Text, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id), e => e.Type == AuditEventType.SecondFactorFailed);
    }

    [Fact]
    public async Task Password_FiveFailures_LockTheAccountFor15MinutesEvenForTheRightPassword()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = app.CreateClient();

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await HtmlPage.ReadAsync(await staff.PasswordStepAsync(client, "not the right password at all"))).Text);
        }

        var rightPassword = await staff.PasswordStepAsync(client);

        Assert.All(answers.Take(4), text => Assert.Contains("Adresse électronique ou mot de passe incorrect", text, StringComparison.Ordinal));
        Assert.Contains("bloqué pendant 15 minutes", answers[4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains("bloqué pendant 15 minutes", (await HtmlPage.ReadAsync(rightPassword)).Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        var user = await db.Users.FindAsync([staff.Id], Cancel);
        Assert.InRange(user!.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var events = await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id);
        Assert.Equal(4, events.Count(e => e.Type == AuditEventType.SignInFailed));
        Assert.Equal(2, events.Count(e => e.Type == AuditEventType.SignInLockedOut));
    }

    [Fact]
    public async Task SignIn_UnknownAddress_GetsTheSameMessageAndIsAuditedMasked()
    {
        var client = app.CreateClient();

        var response = await FormPage.SubmitAsync(client, "/staff/sign-in", "/staff/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = "personne.inconnue@agence.example",
            ["Input.Password"] = "whatever password here",
        });

        Assert.Contains("Adresse électronique ou mot de passe incorrect", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
        var failures = await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.SignInFailed);
        Assert.Contains(failures, e => e.Detail == "unknown account p•••@agence.example");
        Assert.DoesNotContain(failures, e => (e.Detail ?? "").Contains("personne.inconnue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisabledAccount_EndsItsSessionAndCannotSignIn()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        await WithAccountsAsync(a => a.DisableAsync(AuditActor.System, staff.Id, DisableReason.Administrator, CancellationToken.None));
        var afterDisable = await client.GetAsync("/staff", Cancel);
        var signIn = await staff.PasswordStepAsync(app.CreateClient());

        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.Contains("Ce compte est désactivé", (await HtmlPage.ReadAsync(signIn)).Text, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id), e => e.Type == AuditEventType.SignInRefused && e.Detail == "account disabled");
    }

    [Fact]
    public async Task PasswordChange_EndsEverySessionOfTheAccount()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Auditor);
        var office = await staff.SignInAsync(app.Factory);
        var laptop = await staff.SignInAsync(app.Factory);

        var change = await FormPage.SubmitAsync(office, "/staff/me/password", "/staff/me/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestStaff.Password,
            ["Input.NewPassword"] = "girafe lampadaire ocean bleu",
            ["Input.ConfirmPassword"] = "girafe lampadaire ocean bleu",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal("/staff/sign-in?ended=password", change.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await office.GetAsync("/staff", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/staff", Cancel)).StatusCode);
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id), e => e.Type == AuditEventType.PasswordChanged);
    }

    [Fact]
    public async Task PasswordChange_ToACommonPassword_IsRefusedAndNothingChanges()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Auditor);
        var client = await staff.SignInAsync(app.Factory);

        var change = await FormPage.SubmitAsync(client, "/staff/me/password", "/staff/me/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestStaff.Password,
            ["Input.NewPassword"] = "Motdepasse2024!",
            ["Input.ConfirmPassword"] = "Motdepasse2024!",
        });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("trop courant ou trop facile à deviner", (await HtmlPage.ReadAsync(change)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff", Cancel)).StatusCode);
    }

    [Fact]
    public async Task SecondFactorReset_EndsTheSessionsAndRequiresEnrolmentAgain()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var reset = await WithAccountsAsync(a => a.ResetSecondFactorAsync(AuditActor.System, staff.Id, CancellationToken.None));
        var afterReset = await client.GetAsync("/staff", Cancel);
        var signIn = await staff.PasswordStepAsync(app.CreateClient());

        Assert.True(reset.Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, afterReset.StatusCode);
        Assert.Contains("L'inscription de ce compte n'est pas terminée", (await HtmlPage.ReadAsync(signIn)).Text, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id), e => e.Type == AuditEventType.SecondFactorReset);
    }

    [Fact]
    public async Task RecoveryCode_OpensTheConsoleOnceOnly()
    {
        var (staff, codes) = await EnrolThroughPagesAsync(app.CreateClient(), StaffRoles.Operator);
        var first = app.CreateClient();
        await staff.PasswordStepAsync(first);
        var used = await FormPage.SubmitAsync(first, "/staff/sign-in/recovery", "/staff/sign-in/recovery", new Dictionary<string, string> { ["Input.Code"] = codes[0] });

        var second = app.CreateClient();
        await staff.PasswordStepAsync(second);
        var reused = await FormPage.SubmitAsync(second, "/staff/sign-in/recovery", "/staff/sign-in/recovery", new Dictionary<string, string> { ["Input.Code"] = codes[0] });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/staff", Cancel)).StatusCode);
        Assert.Contains("Ce code de secours est incorrect ou a déjà servi", (await HtmlPage.ReadAsync(reused)).Text, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id), e => e.Type == AuditEventType.RecoveryCodeUsed);
    }

    [Fact]
    public async Task RecoveryCodes_FiveWrong_LockTheAccount_AndTheLockOutIsAuditedAsOnTheOtherSteps()
    {
        var (staff, codes) = await EnrolThroughPagesAsync(app.CreateClient(), StaffRoles.Operator);
        var client = app.CreateClient();
        await staff.PasswordStepAsync(client);

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var wrong = new Dictionary<string, string> { ["Input.Code"] = $"00000-0000{i}" };
            answers.Add((await HtmlPage.ReadAsync(await FormPage.SubmitAsync(client, "/staff/sign-in/recovery", "/staff/sign-in/recovery", wrong))).Text);
        }

        Assert.All(answers.Take(4), text => Assert.Contains("Ce code de secours est incorrect ou a déjà servi", text, StringComparison.Ordinal));
        Assert.Contains("bloqué pendant 15 minutes", answers[4], StringComparison.Ordinal);
        var right = await FormPage.SubmitAsync(client, "/staff/sign-in/recovery", "/staff/sign-in/recovery", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.Contains("bloqué pendant 15 minutes", (await HtmlPage.ReadAsync(right)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff", Cancel)).StatusCode);
        var events = await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id);
        Assert.Equal(6, events.Count(e => e.Type == AuditEventType.SecondFactorFailed));
        Assert.Equal(2, events.Count(e => e.Type == AuditEventType.SignInLockedOut));
        Assert.DoesNotContain(events, e => e.Type == AuditEventType.RecoveryCodeUsed);
    }

    [Fact]
    public async Task TamperedSessionCookie_IsRejectedWithAMessageAndAudited()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);
        var cookie = await SessionCookieAsync(client);
        var tampered = app.CreateClient();
        var value = cookie[..^4] + (cookie[^4..] == "AAAA" ? "BBBB" : "AAAA");
        tampered.DefaultRequestHeaders.Add("Cookie", $"{StaffCookies.Session}={value}");

        var response = await tampered.GetAsync("/staff", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in?session=rejected", response.Headers.Location!.OriginalString);
        var page = await HtmlPage.ReadAsync(await app.CreateClient().GetAsync("/staff/sign-in?session=rejected", Cancel));
        Assert.Contains("Votre session n'a pas pu être lue", page.Text, StringComparison.Ordinal);
        Assert.NotEmpty(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.SessionCookieRejected));
    }

    [Fact]
    public async Task SignIn_InEnglish_KeepsTheLanguageThroughTheCodeStepAndItsErrors()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = app.CreateClient();

        var page = await HtmlPage.ReadAsync(await client.GetAsync("/en/staff/sign-in", Cancel));
        var password = await FormPage.SubmitAsync(client, "/en/staff/sign-in", "/en/staff/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = staff.Email,
            ["Input.Password"] = TestStaff.Password,
        });
        var wrong = await FormPage.SubmitAsync(client, "/en/staff/sign-in/code", "/en/staff/sign-in/code", new Dictionary<string, string> { ["Input.Code"] = "12345" });

        Assert.Equal("en", page.Language);
        Assert.Equal("Staff sign-in", page.Heading);
        Assert.Equal("/en/staff/sign-in/code", password.Headers.Location!.OriginalString);
        var wrongPage = await HtmlPage.ReadAsync(wrong);
        Assert.Equal("Verification code", wrongPage.Heading);
        Assert.Contains("The code is 6 digits.", wrongPage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_PostedWithoutAntiforgeryToken_Answers400()
    {
        var response = await app.CreateClient().PostAsync(
            "/staff/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "a@b.fr", ["Input.Password"] = "x" }),
            Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlySecureStrictWithA30MinuteIdleTimeout()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = app.CreateClient();
        await staff.PasswordStepAsync(client);

        var code = await TestStaff.CodeStepAsync(client, staff.NextCode());

        var setCookie = Assert.Single(code.Headers.GetValues("Set-Cookie"), c => c.StartsWith(StaffCookies.Session + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", setCookie, StringComparison.OrdinalIgnoreCase);
        var options = app.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(TimeSpan.FromMinutes(30), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
    }

    [Fact]
    public async Task SignInFlow_IncludingFailures_NeverLogsTheAddressPasswordOrCode()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = new PortalFactory(app.ConnectionString) { ExtraLogger = logs };
        var staff = await TestStaff.CreateAsync(factory, StaffRoles.Operator);
        var client = factory.CreateClient(PortalFactory.NoRedirects());
        await staff.PasswordStepAsync(client, "a wrong password for the logs");
        var code = staff.NextCode();
        await staff.PasswordStepAsync(client);
        await TestStaff.CodeStepAsync(client, code);

        Assert.NotEmpty(logs.Entries);
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain(staff.Email, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("a wrong password", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(TestStaff.Password, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(code, e.Message, StringComparison.Ordinal);
        });
    }

    private async Task<T> WithAccountsAsync<T>(Func<StaffAccounts, Task<T>> action)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StaffAccounts>());
    }

    private async Task<(TestStaff Staff, List<string> RecoveryCodes)> EnrolThroughPagesAsync(HttpClient client, string role)
    {
        var enrolment = await EnrolmentTests.InviteAndEnrolAsync(app, client, role);
        return (enrolment.Staff, enrolment.RecoveryCodes);
    }

    private static async Task<string> SessionCookieAsync(HttpClient signedIn)
    {
        // The test client keeps cookies in its handler; reading one back means asking the server to echo nothing,
        // so sign-in responses are the source instead.
        var response = await signedIn.GetAsync("/staff", Cancel);
        var renewed = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(StaffCookies.Session + "=", StringComparison.Ordinal))
            : null;
        Assert.NotNull(renewed);
        return renewed[(StaffCookies.Session.Length + 1)..renewed.IndexOf(';', StringComparison.Ordinal)];
    }
}
