using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Demo;

/// <summary>The demo's CNIL file: what public sources state about FT-2024-03, and its initial notification.</summary>
public sealed class DemoAuthoritySeederTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_RecordsTheFranceTravailFileOnce_WithALateInitialNotificationWhoseReasonIsMissing()
    {
        Assert.True(await SeedAsync());
        Assert.False(await SeedAsync());

        await using var db = app.CreateDbContext();
        var incident = await db.Incidents.SingleAsync(i => i.Reference == DemoIncidents.FranceTravail2024, Cancel);
        var record = await db.Set<AuthorityRecord>().SingleAsync(r => r.IncidentId == incident.Id, Cancel);
        var notification = await db.Set<AuthorityNotification>().SingleAsync(n => n.IncidentId == incident.Id, Cancel);
        Assert.Equal(BreachCertainty.Established, record.Certainty);
        Assert.Equal(BreachOrigins.SocialEngineering | BreachOrigins.CredentialMisuse, record.Origins);
        Assert.Null(record.LateReason);
        Assert.Equal(AuthorityNotificationKind.Initial, notification.Kind);
        Assert.Equal(new DateTimeOffset(2024, 3, 7, 23, 0, 0, TimeSpan.Zero), notification.SentAt);
        Assert.Contains("\"incidentReference\":\"FT-2024-03\"", notification.Snapshot.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var clock = AuthorityClock.Of(incident, record.LateReason, DateTimeOffset.UtcNow);
        Assert.Equal(AuthorityClockState.Late, clock.State);
        Assert.False(clock.ReasonGiven);
        Assert.False(await db.Set<AuthorityNotification>().AnyAsync(n => n.IncidentId != incident.Id, Cancel));
    }

    private async Task<bool> SeedAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoAuthoritySeeder>().SeedAsync(Cancel);
    }
}
