using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Retention;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Registry.People;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Registry.People;

/// <summary>
/// The registry tallies kept by the database's triggers: after imports (new people, people already known from
/// another incident), a purge and direct changes to exposures, they hold what a count of the rows gives.
/// </summary>
public sealed class RegistryTalliesTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tallies_AddUpToTheRows_AfterImportsAPurgeAndChangedExposures()
    {
        await using var portal = await PortalFactory.StartAsync(server);
        var first = await RetentionPeople.ImportNewAsync(portal.Services, "FT-2024-03", 5);
        await TallyCheck.RegistryMatchesRowsAsync(portal.ConnectionString);

        // Two of them in a second incident too, with one new person: the merge's known and new paths.
        await RetentionPeople.ImportAsync(portal.Services, "PE-2023-08", first[0].Nir, first[1].Nir, Import.RegistryCsv.NewNir());
        await TallyCheck.RegistryMatchesRowsAsync(portal.ConnectionString);

        // A purge empties a person in both incidents: they move to the purged group of each.
        await RetentionPeople.SetRetainUntilAsync(portal.ConnectionString, DateTimeOffset.UtcNow.AddDays(-1), first[0], first[2]);
        var purged = await RetentionPeople.PurgeAsync(portal.Services);
        Assert.Equal(2, purged.Erased);
        await TallyCheck.RegistryMatchesRowsAsync(portal.ConnectionString);

        await using (var db = portal.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE exposures SET categories = categories | 1024 WHERE person_id = {0}", [first[3].Id], Ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM exposures WHERE person_id = {0}", [first[4].Id], Ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE people SET retain_until = now() + interval '1 year'", Ct);
        }

        await TallyCheck.RegistryMatchesRowsAsync(portal.ConnectionString);
    }

    [Fact]
    public async Task TheAudienceFromTheTallies_IsTheCountOfThePeople()
    {
        await using var portal = await PortalFactory.StartAsync(server);
        await Notifications.NotificationPeople.ImportAsync(portal, "FT-2024-03", 3);
        await Notifications.NotificationPeople.ImportAsync(portal, "FT-2024-03", 2, email: false);
        await Notifications.NotificationPeople.ImportAsync(portal, "FT-2024-03", 1, phone: null);
        await Notifications.NotificationPeople.ImportAsync(portal, "FT-2024-03", 4, email: false, phone: null);
        await using var db = portal.CreateDbContext();
        var incident = await db.Incidents.SingleAsync(i => i.Reference == "FT-2024-03", Ct);

        Assert.Equal(new CampaignAudienceCounts(10, 4, 5, 4), await CampaignAudience.CountAsync(db, incident.Id, ChannelPolicy.Both, Ct));
        Assert.Equal(new CampaignAudienceCounts(10, 4, 2, 4), await CampaignAudience.CountAsync(db, incident.Id, ChannelPolicy.EmailWithSmsFallback, Ct));
        Assert.Equal(new CampaignAudienceCounts(10, 4, 0, 6), await CampaignAudience.CountAsync(db, incident.Id, ChannelPolicy.Email, Ct));
        Assert.Equal(new CampaignAudienceCounts(10, 0, 5, 5), await CampaignAudience.CountAsync(db, incident.Id, ChannelPolicy.Sms, Ct));
        Assert.Equal(10, await db.Set<RegistryTally>().Where(t => t.IncidentId == incident.Id).SumAsync(t => t.People, Ct));
    }
}
