using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Staff.Guard;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Authority.Record;

/// <summary>The 72-hour clock as the pages show it, with the portal's clock moved by the test.</summary>
public sealed class AuthorityClockPageTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_WhileTheHoursRunAndOnceThePortalsClockPassesThem_ShowRunningThenOverdue_ThenOnTimeAndLate()
    {
        var clock = new SettableTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var portal = await PortalFactory.StartAsync(server, factory => factory.Replace<TimeProvider>(clock), demoData: false);
        var connectionString = portal.ConnectionString;
        var staff = await TestStaff.CreateAsync(portal, StaffRoles.CnilLiaison);
        var client = portal.CreateClient(PortalFactory.NoRedirects());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PasswordStepAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestStaff.CodeStepAsync(client, staff.NextCode())).StatusCode);
        var detected = clock.Now - NotificationDeadline.Limit + TimeSpan.FromMinutes(10);
        var reference = await AuthorityRecordData.CreateIncidentAsync(connectionString, IncidentDate.Exact(detected), IncidentDate.Unknown);

        var running = await ClockTextAsync(client, reference);
        clock.Advance(TimeSpan.FromMinutes(25));
        var overdue = await ClockTextAsync(client, reference);
        var overdueRow = await IndexRowAsync(client, reference);

        Assert.Contains("Délai de 72 heures en cours", running, StringComparison.Ordinal);
        Assert.Contains("Temps restant : 0 h 10 min", running, StringComparison.Ordinal);
        Assert.Contains("Délai de 72 heures dépassé, CNIL non notifiée", overdue, StringComparison.Ordinal);
        Assert.Contains("En retard de 0 h 15 min", overdue, StringComparison.Ordinal);
        Assert.Contains("En retard de 0 h 15 min", overdueRow, StringComparison.Ordinal);

        await SetAsync(connectionString, reference, IncidentDate.Exact(detected + TimeSpan.FromHours(71)), null);
        Assert.Contains("Notifiée dans les 72 heures", await ClockTextAsync(client, reference), StringComparison.Ordinal);

        await SetAsync(connectionString, reference, IncidentDate.Exact(detected + TimeSpan.FromHours(73)), null);
        Assert.Contains("Notifiée en retard, motif manquant", await ClockTextAsync(client, reference), StringComparison.Ordinal);

        await SetAsync(connectionString, reference, IncidentDate.Exact(detected + TimeSpan.FromHours(73)), "Attente des constats de l'hébergeur.");
        var late = await ClockTextAsync(client, reference);
        Assert.Contains("Notifiée en retard, motif donné", late, StringComparison.Ordinal);
        Assert.Contains("Attente des constats de l'hébergeur.", late, StringComparison.Ordinal);
    }

    private static async Task<string> ClockTextAsync(HttpClient client, string reference)
    {
        var response = await client.GetAsync($"/staff/authority/{reference}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await HtmlPage.ReadAsync(response)).Element("clock").Text;
    }

    private static async Task<string> IndexRowAsync(HttpClient client, string reference) =>
        new HtmlPage(await client.GetStringAsync("/staff/authority", Cancel)).Row($"incident-{reference}").Text;

    private static async Task SetAsync(string connectionString, string reference, IncidentDate notified, string? lateReason)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        var incident = await db.Incidents.SingleAsync(i => i.Reference == reference, Cancel);
        incident.AuthorityNotified = notified;
        var record = await db.Set<AuthorityRecord>().SingleOrDefaultAsync(r => r.IncidentId == incident.Id, Cancel);
        if (record is null)
        {
            record = new AuthorityRecord { IncidentId = incident.Id };
            db.Add(record);
        }

        record.LateReason = lateReason;
        await db.SaveChangesAsync(Cancel);
    }
}
