using System.Net;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// A staff member enrolled through the real invitation path, with their authenticator key, so tests compute codes
/// as the person's phone would. Codes are accepted once per 30-second step, within one step of drift: enrolment
/// spends the previous step, leaving the current and the next one for two sign-ins.
/// </summary>
public sealed class TestStaff(Guid id, string email, string key)
{
    public const string Password = "cheval agrafe batterie correcte";

    private long _nextStep = TestTotp.CurrentStep;

    public Guid Id { get; } = id;

    public string Email { get; } = email;

    public string Key { get; } = key;

    public string NextCode()
    {
        // A slow machine may have let steps go by. The previous step's code is still accepted, but only until the current
        // step ends: it is used only while enough of the step is left for a browser to type the password and the code.
        var oldestSafe = TestTotp.SecondsLeftInStep >= 20 ? TestTotp.CurrentStep - 1 : TestTotp.CurrentStep;
        _nextStep = Math.Max(_nextStep, oldestSafe);
        if (_nextStep > TestTotp.CurrentStep + 1)
        {
            throw new InvalidOperationException("This test account has used every code its clock allows: create another one.");
        }

        return TestTotp.Code(Key, _nextStep++);
    }

    public static async Task<TestStaff> CreateAsync(PortalFactory factory, params string[] roles)
    {
        var email = $"agent.{Guid.NewGuid():N}@agence.example";
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var (result, invitation) = await accounts.InviteAsync(AuditActor.System, email, roles, CancellationToken.None);
        Assert.True(result.Succeeded, result.ErrorKey);
        var check = await accounts.CheckInvitationAsync(TokenOf(invitation!.Link), CancellationToken.None);
        Assert.True((await accounts.ChoosePasswordAsync(check.User!, Password, CancellationToken.None)).Succeeded);
        var key = (await users.GetAuthenticatorKeyAsync(check.User!))!;
        var codes = await accounts.ConfirmSecondFactorAsync(AuditActor.System, check, TestTotp.Code(key, TestTotp.CurrentStep - 1), CancellationToken.None);
        Assert.NotNull(codes);
        return new TestStaff(check.User!.Id, email, key);
    }

    public static string TokenOf(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    /// <summary>Signs in through the pages — password, then a computed code — and returns the signed-in client.</summary>
    public async Task<HttpClient> SignInAsync(PortalFactory factory)
    {
        var client = factory.CreateClient(PortalFactory.NoRedirects());
        var password = await PasswordStepAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/staff/sign-in/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var code = await CodeStepAsync(client, NextCode());
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/staff", code.Headers.Location!.OriginalString);
        return client;
    }

    public Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, string? password = null) =>
        FormPage.SubmitAsync(client, "/staff/sign-in", "/staff/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = Email,
            ["Input.Password"] = password ?? Password,
        });

    public static Task<HttpResponseMessage> CodeStepAsync(HttpClient client, string code) =>
        FormPage.SubmitAsync(client, "/staff/sign-in/code", "/staff/sign-in/code", new Dictionary<string, string> { ["Input.Code"] = code });
}
