using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Registry.Retention;

public sealed class RetentionExtensionTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static readonly DateTimeOffset CampaignEnded = new(2031, 5, 31, 18, 0, 0, TimeSpan.FromHours(2));

    /// <summary>365 days (the default) after the campaign ended, 2032 being a leap year.</summary>
    private static readonly DateTimeOffset Expected = new(2032, 5, 30, 16, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExtendAfterCampaignAsync_SetsTheDateOfThatIncidentsPeopleOnly_AndNeverShortensALaterOne()
    {
        var people = await RetentionPeople.ImportNewAsync(app.Factory.Services, "FT-2024-03", 4);
        var (undated, earlier, later, purged) = (people[0], people[1], people[2], people[3]);
        var elsewhere = (await RetentionPeople.ImportNewAsync(app.Factory.Services, "PE-2023-08", 1))[0];
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, Expected.AddDays(-10), earlier);
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, Expected.AddDays(1000), later);
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, DateTimeOffset.UtcNow.AddDays(-1), purged);
        await RetentionPeople.PurgeAsync(app.Factory.Services);
        var purgedDate = (await RetentionPeople.ReadAsync(app.ConnectionString, purged)).RetainUntil;

        var moved = await ExtendAsync("FT-2024-03");

        Assert.Equal(2, moved);
        Assert.Equal(Expected, (await RetentionPeople.ReadAsync(app.ConnectionString, undated)).RetainUntil);
        Assert.Equal(Expected, (await RetentionPeople.ReadAsync(app.ConnectionString, earlier)).RetainUntil);
        Assert.Equal(Expected.AddDays(1000), (await RetentionPeople.ReadAsync(app.ConnectionString, later)).RetainUntil);
        Assert.Equal(purgedDate, (await RetentionPeople.ReadAsync(app.ConnectionString, purged)).RetainUntil);
        Assert.Null((await RetentionPeople.ReadAsync(app.ConnectionString, elsewhere)).RetainUntil);
    }

    [Fact]
    public async Task ExtendAfterCampaignAsync_PersonInTwoIncidents_KeepsTheLaterOfTheTwoCampaigns()
    {
        var person = (await RetentionPeople.ImportNewAsync(app.Factory.Services, "FT-2024-03", 1))[0];
        await RetentionPeople.ImportAsync(app.Factory.Services, "PE-2023-08", person.Nir);

        await ExtendAsync("PE-2023-08", CampaignEnded.AddDays(40));
        await ExtendAsync("FT-2024-03", CampaignEnded);

        Assert.Equal(Expected.AddDays(40), (await RetentionPeople.ReadAsync(app.ConnectionString, person)).RetainUntil);
    }

    private async Task<int> ExtendAsync(string reference, DateTimeOffset? ended = null)
    {
        await using var db = app.CreateDbContext();
        var incidentId = await db.Incidents.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync(Ct);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryRetention>().ExtendAfterCampaignAsync(incidentId, ended ?? CampaignEnded, Ct);
    }
}
