using System.Text.Json;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Ledger;

/// <summary>
/// How a claim reaches each claimed person's exposure: one look-up by incident and person per claimed row, whatever the planner believes about the
/// incident's size — with statistics taken before a small incident was imported it believed the incident had no
/// exposure and read them all once per claimed row.
/// </summary>
public sealed class MessageClaimPlanTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static readonly string[] Conditions = ["Index Cond", "Filter"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheClaim_LooksUpEachExposureByIncidentAndPerson_EvenInItsGenericPlan()
    {
        var (campaign, _) = await ProgressLedger.RunningCampaignAsync(app, ChannelPolicy.Email, people: 3);
        var incident = await ProgressLedger.IncidentOfAsync(app, campaign);

        await using var connection = await app.Factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(Ct);
        await using (var prepare = new NpgsqlCommand(
            "SET plan_cache_mode = force_generic_plan; PREPARE claim_plan (smallint, timestamptz, int, uuid, timestamptz, int, int) AS " + MessageLeases.ClaimCampaignSql,
            connection))
        {
            await prepare.ExecuteNonQueryAsync(Ct);
        }

        await using var explain = new NpgsqlCommand(
            $"EXPLAIN (FORMAT JSON) EXECUTE claim_plan (1, now(), 500, gen_random_uuid(), now(), {incident}, {campaign})", connection);
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(Ct))!);
        var exposures = Nodes(plan.RootElement[0].GetProperty("Plan")).Where(n => n.TryGetProperty("Relation Name", out var r) && r.GetString() == "exposures").ToList();

        Assert.NotEmpty(exposures);
        // A sub-plan run once per claimed row with both keys: on a table of this test's size the planner may scan
        // it, on a registry's it takes the primary key; a join is what it planned from wrong statistics.
        Assert.All(exposures, node =>
        {
            Assert.Equal("SubPlan", node.GetProperty("Parent Relationship").GetString());
            var condition = string.Join(' ', Conditions.Select(k => node.TryGetProperty(k, out var c) ? c.GetString() : null));
            Assert.Contains("incident_id", condition, StringComparison.Ordinal);
            Assert.Contains("person_id", condition, StringComparison.Ordinal);
        });
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children)
            ? [node, .. children.EnumerateArray().SelectMany(Nodes)]
            : [node];
}
