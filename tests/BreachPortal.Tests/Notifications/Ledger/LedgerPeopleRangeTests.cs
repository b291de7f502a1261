using System.Text.Json;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications.Campaigns;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Ledger;

/// <summary>
/// The person ids a count of an incident's people is cut into parts over: found from each campaign's two edges in
/// the ledger's (campaign, person) index, whatever the ledger holds — never by reading the ledger.
/// </summary>
public sealed class LedgerPeopleRangeTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const int LedgerSize = 100_000;
    private const long FirstExtraPerson = 100_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheRange_ReadsEachCampaignsEdges_NotTheLedger_EvenBesideACampaignWithoutMessages()
    {
        var (campaign, people) = await ProgressLedger.RunningCampaignAsync(app, ChannelPolicy.Email, people: 2);
        var incident = await ProgressLedger.IncidentOfAsync(app, campaign);

        // A draft of the same incident has no message: min/max of its person ids through the person_id index, the
        // planner's choice for a query of that shape, read the whole index for nothing.
        await DraftAsync(incident);
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO messages (campaign_id, person_id, channel, status, priority, language, reference_code, attempts, next_attempt_at, created_at)
                SELECT {campaign}, {FirstExtraPerson} + n, 1, 0, 0, 'fr', portal_reference_code(), 0, now(), now() FROM generate_series(1, {LedgerSize}) n
                """,
                Ct);
            await db.Database.ExecuteSqlRawAsync("ANALYZE messages", Ct);
        }

        await using var connection = await app.Factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(Ct);
        await using (var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + LedgerPeople.RangeSql, connection) { Parameters = { new() { Value = incident } } })
        {
            using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(Ct))!);
            var top = plan.RootElement[0].GetProperty("Plan");
            var buffers = top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64();
            Assert.InRange(buffers, 0, 60);
        }

        await using var range = new NpgsqlCommand(LedgerPeople.RangeSql, connection) { Parameters = { new() { Value = incident } } };
        await using var reader = await range.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal((people.Min(p => p.Id), FirstExtraPerson + LedgerSize), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    private async Task DraftAsync(int incident)
    {
        string reference;
        await using (var db = app.CreateDbContext())
        {
            reference = await db.Database.SqlQuery<string>($"SELECT reference AS \"Value\" FROM incidents WHERE id = {incident}").SingleAsync(Ct);
        }

        var creator = LookupPeople.ActorOf(await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CampaignService>()
            .CreateAsync(new CampaignDraft { IncidentReference = reference, Name = "Brouillon", Policy = ChannelPolicy.Email }, creator, Ct);
        Assert.True(created.Succeeded, created.Message);
    }
}
