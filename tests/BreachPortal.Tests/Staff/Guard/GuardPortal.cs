using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Data;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.Guard;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff.Guard;

/// <summary>The portal (Development, so mail lands in the in-memory mailbox) on a database of its own, with a hand-moved clock.</summary>
public sealed class GuardPortal : IAsyncDisposable
{
    public const string AlertSubject = "Alerte : compte verrouillé / Alert: account locked";

    private readonly PortalFactory _portal;

    private GuardPortal(PortalFactory portal, SettableTimeProvider clock)
    {
        _portal = portal;
        Clock = clock;
    }

    public string ConnectionString => _portal.ConnectionString;

    public SettableTimeProvider Clock { get; }

    public IServiceProvider Services => _portal.Services;

    public IReadOnlyList<EmailMessage> Alerts =>
        [.. Services.GetRequiredService<DevelopmentMailbox>().Messages.Select(m => m.Message).Where(m => m.Subject == AlertSubject)];

    public static async Task<GuardPortal> StartAsync(PostgresServer server, int maxViewsPerHour)
    {
        // Whole seconds: PostgreSQL keeps microseconds, the comparisons below stay exact.
        var clock = new SettableTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var portal = await PortalFactory.StartAsync(
            server,
            factory =>
            {
                factory.Settings[RecordViewGuardOptions.Section + ":MaxViewsPerHour"] = maxViewsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture);
                factory.Replace<TimeProvider>(clock);
            },
            demoData: false);
        return new GuardPortal(portal, clock);
    }

    public async Task<StaffUser> InviteAsync(string email, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var (result, invitation) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
            .InviteAsync(AuditActor.System, email, roles, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.ErrorKey);
        // Alerts go to enrolled administrators only: count these accounts as enrolled.
        var db = scope.ServiceProvider.GetRequiredService<BreachPortal.Web.Data.PortalDbContext>();
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Users.Where(u => u.Id == invitation!.User.Id),
            set => set.SetProperty(u => u.EnrolledAt, DateTimeOffset.UtcNow),
            TestContext.Current.CancellationToken);
        return invitation!.User;
    }

    public async Task NotEnrolledAsync(Guid staffId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BreachPortal.Web.Data.PortalDbContext>();
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Users.Where(u => u.Id == staffId),
            set => set.SetProperty(u => u.EnrolledAt, (DateTimeOffset?)null),
            TestContext.Current.CancellationToken);
    }

    public async Task<RecordViewVerdict> ViewAsync(StaffUser viewer)
    {
        await using var scope = Services.CreateAsyncScope();
        var actor = new AuditActor(viewer.Id, Mask.Email(viewer.Email), "192.0.2.10");
        return await scope.ServiceProvider.GetRequiredService<RecordViewGuard>().RecordViewAsync(actor, TestContext.Current.CancellationToken);
    }

    public async Task<RecordViewVerdict[]> ViewAsync(StaffUser viewer, int times)
    {
        var verdicts = new RecordViewVerdict[times];
        for (var i = 0; i < times; i++)
        {
            verdicts[i] = await ViewAsync(viewer);
        }

        return verdicts;
    }

    public PortalDbContext CreateDbContext() => _portal.CreateDbContext();

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
