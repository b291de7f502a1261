using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.Guard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff.Guard;

public sealed class RecordViewGuardTests(PostgresServer server)
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordViewAsync_UpToTheThreshold_AllowsEveryViewAndLeavesTheAccountActive()
    {
        await using var portal = await GuardPortal.StartAsync(server, maxViewsPerHour: 3);
        var viewer = await portal.InviteAsync("agent.un@agence.example.fr", StaffRoles.Operator);

        var verdicts = await portal.ViewAsync(viewer, 3);

        Assert.All(verdicts, v => Assert.Equal(RecordViewVerdict.Allowed, v));
        var stored = await ReadUserAsync(portal, viewer.Id);
        Assert.False(stored.IsDisabled);
        Assert.Null(stored.DisabledReason);
        Assert.Empty(portal.Alerts);
    }

    [Fact]
    public async Task RecordViewAsync_ViewOverTheThreshold_LocksTheAccountAuditsAndAlertsTheOtherAdministrators()
    {
        await using var portal = await GuardPortal.StartAsync(server, maxViewsPerHour: 3);
        // The viewer is an administrator too: the alert must reach the others, not the account being locked.
        var viewer = await portal.InviteAsync("curieux@agence.example.fr", StaffRoles.Operator, StaffRoles.Administrator);
        var firstAdmin = await portal.InviteAsync("admin.une@agence.example.fr", StaffRoles.Administrator);
        var secondAdmin = await portal.InviteAsync("admin.deux@agence.example.fr", StaffRoles.Administrator, StaffRoles.Auditor);
        var disabledAdmin = await portal.InviteAsync("admin.partie@agence.example.fr", StaffRoles.Administrator);
        await portal.InviteAsync("auditrice@agence.example.fr", StaffRoles.Auditor);
        var unenrolledAdmin = await portal.InviteAsync("admin.invitee@agence.example.fr", StaffRoles.Administrator);
        await portal.NotEnrolledAsync(unenrolledAdmin.Id);
        await DisableByAdministratorAsync(portal, disabledAdmin.Id);
        var stampBefore = (await ReadUserAsync(portal, viewer.Id)).SecurityStamp;

        var allowed = await portal.ViewAsync(viewer, 3);
        var fourth = await portal.ViewAsync(viewer);

        Assert.All(allowed, v => Assert.Equal(RecordViewVerdict.Allowed, v));
        Assert.Equal(RecordViewVerdict.AccountLocked, fourth);

        var stored = await ReadUserAsync(portal, viewer.Id);
        Assert.True(stored.IsDisabled);
        Assert.Equal(DisableReason.ExfiltrationGuard, stored.DisabledReason);
        Assert.Equal(portal.Clock.Now, stored.DisabledAt);
        Assert.NotEqual(stampBefore, stored.SecurityStamp);

        var events = await AuditAboutAsync(portal, viewer.Id);
        var crossed = Assert.Single(events, e => e.Type == AuditEventType.RecordViewThresholdCrossed);
        Assert.Equal(viewer.Id, crossed.ActorId);
        Assert.Contains("3", crossed.Detail, StringComparison.Ordinal);
        var disabled = Assert.Single(events, e => e.Type == AuditEventType.AccountDisabled);
        Assert.Equal("system", disabled.Actor);
        Assert.Equal(nameof(DisableReason.ExfiltrationGuard), disabled.Detail);
        Assert.True(disabled.Id > crossed.Id);

        var alerts = portal.Alerts;
        Assert.Equal(
            new[] { firstAdmin.Email, secondAdmin.Email }.Order(StringComparer.Ordinal),
            alerts.Select(a => a.To).Order(StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Contains(viewer.Id.ToString(), a.TextBody, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.DoesNotContain(viewer.Email!, a.TextBody, StringComparison.Ordinal));

        await using var db = portal.CreateDbContext();
        Assert.True((await new AuditChainVerifier(db).VerifyAsync(_cancellationToken)).IsIntact);
    }

    [Fact]
    public async Task RecordViewAsync_ViewsOlderThanAnHour_NoLongerCount()
    {
        await using var portal = await GuardPortal.StartAsync(server, maxViewsPerHour: 3);
        await portal.InviteAsync("admin@agence.example.fr", StaffRoles.Administrator);
        var viewer = await portal.InviteAsync("agent@agence.example.fr", StaffRoles.Operator);
        var start = portal.Clock.Now;

        var first = await portal.ViewAsync(viewer);
        portal.Clock.Now = start.AddMinutes(30);
        var second = await portal.ViewAsync(viewer);
        portal.Clock.Now = start.AddMinutes(40);
        var third = await portal.ViewAsync(viewer);
        portal.Clock.Now = start.AddMinutes(60).AddSeconds(1);
        var afterFirstExpired = await portal.ViewAsync(viewer);

        Assert.Equal([RecordViewVerdict.Allowed, RecordViewVerdict.Allowed, RecordViewVerdict.Allowed, RecordViewVerdict.Allowed], [first, second, third, afterFirstExpired]);
        Assert.False((await ReadUserAsync(portal, viewer.Id)).IsDisabled);

        // Views at +30, +40 and +60:01 are all within the hour before +61: this one is one too many.
        portal.Clock.Now = start.AddMinutes(61);
        Assert.Equal(RecordViewVerdict.AccountLocked, await portal.ViewAsync(viewer));
        Assert.True((await ReadUserAsync(portal, viewer.Id)).IsDisabled);
    }

    [Fact]
    public async Task RecordViewAsync_AfterAFullQuietHour_AllowsTheThresholdAgain()
    {
        await using var portal = await GuardPortal.StartAsync(server, maxViewsPerHour: 3);
        var viewer = await portal.InviteAsync("agent@agence.example.fr", StaffRoles.Operator);

        var before = await portal.ViewAsync(viewer, 3);
        portal.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var after = await portal.ViewAsync(viewer, 3);

        Assert.All(before.Concat(after), v => Assert.Equal(RecordViewVerdict.Allowed, v));
        Assert.False((await ReadUserAsync(portal, viewer.Id)).IsDisabled);
    }

    [Fact]
    public async Task RecordViewAsync_AnotherStaffMembersViews_DoNotCount()
    {
        await using var portal = await GuardPortal.StartAsync(server, maxViewsPerHour: 3);
        await portal.InviteAsync("admin@agence.example.fr", StaffRoles.Administrator);
        var alice = await portal.InviteAsync("alice@agence.example.fr", StaffRoles.Operator);
        var bob = await portal.InviteAsync("bob@agence.example.fr", StaffRoles.Operator);

        var verdicts = new List<RecordViewVerdict>();
        for (var i = 0; i < 3; i++)
        {
            verdicts.Add(await portal.ViewAsync(alice));
            verdicts.Add(await portal.ViewAsync(bob));
        }

        var alicesFourth = await portal.ViewAsync(alice);

        Assert.All(verdicts, v => Assert.Equal(RecordViewVerdict.Allowed, v));
        Assert.Equal(RecordViewVerdict.AccountLocked, alicesFourth);
        Assert.True((await ReadUserAsync(portal, alice.Id)).IsDisabled);
        Assert.False((await ReadUserAsync(portal, bob.Id)).IsDisabled);
        Assert.DoesNotContain(await AuditAboutAsync(portal, bob.Id), e => e.Type is AuditEventType.RecordViewThresholdCrossed or AuditEventType.AccountDisabled);
        Assert.Single(portal.Alerts);
    }

    [Fact]
    public async Task RecordViewAsync_WithoutAStaffId_Throws()
    {
        await using var portal = await GuardPortal.StartAsync(server, maxViewsPerHour: 3);
        await using var scope = portal.Services.CreateAsyncScope();
        var guard = scope.ServiceProvider.GetRequiredService<RecordViewGuard>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => guard.RecordViewAsync(AuditActor.System, _cancellationToken));
    }

    private async Task DisableByAdministratorAsync(GuardPortal portal, Guid staffId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
            .DisableAsync(AuditActor.System, staffId, DisableReason.Administrator, _cancellationToken);
        Assert.True(result.Succeeded, result.ErrorKey);
    }

    private async Task<StaffUser> ReadUserAsync(GuardPortal portal, Guid id)
    {
        await using var db = portal.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, _cancellationToken);
    }

    private async Task<List<AuditEvent>> AuditAboutAsync(GuardPortal portal, Guid staffId)
    {
        await using var db = portal.CreateDbContext();
        var subject = staffId.ToString("D");
        return await db.Set<AuditEvent>().AsNoTracking().Where(e => e.SubjectType == AuditSubjects.Staff && e.SubjectId == subject).OrderBy(e => e.Id).ToListAsync(_cancellationToken);
    }
}
