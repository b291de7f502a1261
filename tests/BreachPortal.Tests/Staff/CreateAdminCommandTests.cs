using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff;

/// <summary>The <c>create-admin</c> verb as operators run it: the built portal, in Production, as a process.</summary>
public sealed class CreateAdminCommandTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static readonly string PublicUrl = ProductionSettings.Values["Portal:PublicUrl"];
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAdmin_NewAddress_CreatesAnAdministratorAndPrintsAWorkingEnrolmentLink()
    {
        var email = NewEmail();

        var result = await RunCreateAdminAsync("--email", email);

        Assert.True(result.ExitCode == PortalCommandLine.Success, result.Output + result.Error);
        var link = Assert.Single(Lines(result.Output), l => l.StartsWith(PublicUrl + "/staff/enrol?token=", StringComparison.Ordinal));
        var token = link[(PublicUrl + "/staff/enrol?token=").Length..];
        Assert.NotEmpty(token);
        Assert.DoesNotContain(' ', link);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.Equal([StaffRoles.Administrator], await users.GetRolesAsync(user));
        Assert.False(user.IsDisabled);
        Assert.Null(user.EnrolledAt);

        var check = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CheckInvitationAsync(token, _cancellationToken);
        Assert.Equal(InvitationState.Valid, check.State);
        Assert.Equal(user.Id, check.User!.Id);

        await using var db = app.CreateDbContext();
        var subject = user.Id.ToString("D");
        var created = await db.Set<AuditEvent>().AsNoTracking()
            .SingleAsync(e => e.Type == AuditEventType.AccountCreated && e.SubjectId == subject, _cancellationToken);
        Assert.Equal("command-line", created.Actor);
        Assert.Null(created.ActorId);
        Assert.Contains("roles=Administrator", created.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(email, created.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdmin_Output_ShowsTheAddressMaskedOnly()
    {
        var email = NewEmail();

        var result = await RunCreateAdminAsync("--email", email);

        Assert.True(result.ExitCode == PortalCommandLine.Success, result.Output + result.Error);
        Assert.DoesNotContain(email, result.Output + result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email.Split('@')[0], result.Output + result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Mask.Email(email), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdmin_AddressInMixedCase_IsStoredInLowerCase()
    {
        var email = NewEmail();

        var result = await RunCreateAdminAsync("--email", "  " + email.ToUpperInvariant() + " ");

        Assert.True(result.ExitCode == PortalCommandLine.Success, result.Output + result.Error);
        await using var db = app.CreateDbContext();
        Assert.Equal(email, await db.Users.Where(u => u.Email == email).Select(u => u.Email).SingleAsync(_cancellationToken));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("jean@localhost")]
    [InlineData("Jean Dupont <jean@example.fr>")]
    [InlineData("")]
    public async Task CreateAdmin_InvalidAddress_FailsWithAPlainMessageAndCreatesNothing(string email)
    {
        var before = await CountAsync();

        var result = await RunCreateAdminAsync("--email", email);

        Assert.Equal(PortalCommandLine.Failure, result.ExitCode);
        Assert.Contains("create-admin: the email address is not valid.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/enrol", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task CreateAdmin_AddressOfAnEnrolledAccount_FailsWithAlreadyExists()
    {
        var email = NewEmail();
        var first = await RunCreateAdminAsync("--email", email);
        Assert.True(first.ExitCode == PortalCommandLine.Success, first.Output + first.Error);
        await using (var db = app.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == email)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.EnrolledAt, DateTimeOffset.UtcNow), _cancellationToken);
        }

        var before = await CountAsync();

        var second = await RunCreateAdminAsync("--email", email.ToUpperInvariant());

        Assert.Equal(PortalCommandLine.Failure, second.ExitCode);
        Assert.Contains("already exists", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/enrol", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task CreateAdmin_AgainBeforeEnrolment_PrintsANewLinkAndTheOldOneStopsWorking()
    {
        var email = NewEmail();
        var first = await RunCreateAdminAsync("--email", email);
        var before = (await CountAsync()).Users;

        var second = await RunCreateAdminAsync("--email", email);

        Assert.Equal(PortalCommandLine.Success, second.ExitCode);
        Assert.Contains("has not enrolled yet; the previous link no longer works", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, (await CountAsync()).Users);
        var firstToken = TestStaff.TokenOf(first.Output.Trim().Split('\n')[^1].Trim());
        var secondToken = TestStaff.TokenOf(second.Output.Trim().Split('\n')[^1].Trim());
        Assert.NotEqual(firstToken, secondToken);
        await using var db = app.CreateDbContext();
        var firstHash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(firstToken));
        var stale = await db.Set<BreachPortal.Web.Staff.Accounts.StaffInvitation>().SingleAsync(i => i.TokenHash == firstHash, _cancellationToken);
        Assert.NotNull(stale.RevokedAt);
    }

    [Theory]
    [InlineData]
    [InlineData("--email")]
    [InlineData("admin@agence.example.fr")]
    [InlineData("--mail", "admin@agence.example.fr")]
    [InlineData("--email", "admin@agence.example.fr", "--force")]
    public async Task CreateAdmin_WithoutEmailOption_ShowsUsageAndExitsWithUsageError(params string[] arguments)
    {
        var before = await CountAsync();

        var result = await RunCreateAdminAsync(arguments);

        Assert.Equal(PortalCommandLine.UsageError, result.ExitCode);
        Assert.Contains("usage: create-admin --email ADDRESS", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    private static string NewEmail() => $"admin.{Guid.NewGuid().ToString("N")[..10]}@agence.example.fr";

    private static IEnumerable<string> Lines(string output) => output.Split('\n').Select(l => l.TrimEnd('\r'));

    private async Task<(int Users, int AuditEvents, int Invitations)> CountAsync()
    {
        await using var db = app.CreateDbContext();
        return (
            await db.Users.CountAsync(_cancellationToken),
            await db.Set<AuditEvent>().CountAsync(_cancellationToken),
            await db.Set<StaffInvitation>().CountAsync(_cancellationToken));
    }

    private Task<ProcessResult> RunCreateAdminAsync(params string[] arguments)
    {
        var environment = ProductionSettings.AsEnvironment(app.ConnectionString);
        return PortalProcess.RunAsync(environment, ["create-admin", .. arguments]);
    }
}
