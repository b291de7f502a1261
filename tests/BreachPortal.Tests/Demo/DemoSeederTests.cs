using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Demo;
using BreachPortal.Web.Incidents;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Demo;

public sealed class DemoSeederTests(PostgresServer server)
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_OnEmptyDatabase_CreatesBothIncidents()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var result = await SeedAsync(connectionString);

        Assert.Equal(new DemoSeedResult(Created: 2, Updated: 0, Unchanged: 0), result);
        await using var db = PostgresServer.CreateContext(connectionString);
        Assert.Equal(
            [DemoIncidents.FranceTravail2024, DemoIncidents.PoleEmploi2023],
            await db.Incidents.OrderBy(i => i.Reference).Select(i => i.Reference).ToListAsync(_cancellationToken));
    }

    [Fact]
    public async Task Seed_RunTwice_ChangesNothingTheSecondTime()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await SeedAsync(connectionString);
        var before = await SnapshotAsync(connectionString);

        var second = await SeedAsync(connectionString);

        Assert.Equal(new DemoSeedResult(Created: 0, Updated: 0, Unchanged: 2), second);
        Assert.Equal(before, await SnapshotAsync(connectionString));
    }

    [Fact]
    public async Task Seed_AfterTheDemoTextWasAltered_RestoresIt()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await SeedAsync(connectionString);
        await using (var db = PostgresServer.CreateContext(connectionString))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE incidents SET title_en = 'changed' WHERE reference = 'PE-2023-08'", _cancellationToken);
        }

        var result = await SeedAsync(connectionString);

        Assert.Equal(new DemoSeedResult(Created: 0, Updated: 1, Unchanged: 1), result);
        await using var check = PostgresServer.CreateContext(connectionString);
        var incident = await check.Incidents.SingleAsync(i => i.Reference == DemoIncidents.PoleEmploi2023, _cancellationToken);
        Assert.Equal("Data theft at a Pôle emploi service provider (2023)", incident.Title.En);
    }

    [Fact]
    public async Task Seed_FranceTravail2024_HasThePublishedFacts()
    {
        var incident = await SeededAsync(DemoIncidents.FranceTravail2024);

        Assert.Equal(IncidentDate.Day(2024, 2, 6), incident.Started);
        Assert.Equal(IncidentDate.Day(2024, 3, 5), incident.Ended);
        Assert.Equal(IncidentDate.Day(2024, 2, 29), incident.Detected);
        Assert.Equal(IncidentDate.Day(2024, 3, 8), incident.AuthorityNotified);
        Assert.Equal(IncidentDate.Day(2024, 3, 13), incident.Disclosed);
        Assert.Equal(36_820_828, incident.EstimatedPeople);
        Assert.Equal(DataCategories.Password | DataCategories.BankDetails, incident.NotExposedData);
        foreach (var category in new[]
        {
            DataCategories.LastName, DataCategories.BirthName, DataCategories.FirstName, DataCategories.Sex,
            DataCategories.DateOfBirth, DataCategories.PlaceOfBirth, DataCategories.SocialSecurityNumber,
            DataCategories.FranceTravailId, DataCategories.Email, DataCategories.PostalAddress, DataCategories.Phone,
            DataCategories.JobSeekerStatus, DataCategories.RegistrationDates,
        })
        {
            Assert.True(incident.ExposedData.HasFlag(category), $"{category} should be exposed");
        }

        Assert.Equal(NotificationTimeliness.Late, incident.AuthorityNotificationTimeliness);
        Assert.Contains("43", incident.PeopleNote!.Fr, StringComparison.Ordinal);
        AssertBilingual(incident);
    }

    [Fact]
    public async Task Seed_PoleEmploi2023_HasThePublishedFacts()
    {
        var incident = await SeededAsync(DemoIncidents.PoleEmploi2023);

        Assert.Equal(10_000_000, incident.EstimatedPeople);
        Assert.Equal(
            DataCategories.LastName | DataCategories.FirstName | DataCategories.SocialSecurityNumber | DataCategories.JobSeekerStatus,
            incident.ExposedData);
        Assert.Equal(
            DataCategories.Email | DataCategories.Phone | DataCategories.Password | DataCategories.BankDetails,
            incident.NotExposedData);
        Assert.Equal(IncidentDate.Day(2023, 8, 23), incident.Disclosed);
        Assert.Equal(IncidentDate.Year(2023), incident.Started);
        Assert.Contains("Majorel", incident.Summary.Fr, StringComparison.Ordinal);
        Assert.Contains("MOVEit", incident.Vector.En, StringComparison.Ordinal);
        AssertBilingual(incident);
    }

    private static void AssertBilingual(Incident incident)
    {
        foreach (var text in new[] { incident.Title, incident.Summary, incident.Vector, incident.LikelyConsequences, incident.Measures, incident.DpoContact })
        {
            Assert.False(string.IsNullOrWhiteSpace(text.Fr));
            Assert.False(string.IsNullOrWhiteSpace(text.En));
            Assert.NotEqual(text.Fr, text.En);
        }
    }

    private async Task<Incident> SeededAsync(string reference)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await SeedAsync(connectionString);
        await using var db = PostgresServer.CreateContext(connectionString);
        return await db.Incidents.AsNoTracking().SingleAsync(i => i.Reference == reference, _cancellationToken);
    }

    private async Task<DemoSeedResult> SeedAsync(string connectionString)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        return await new DemoSeeder(db, TimeProvider.System).SeedAsync(_cancellationToken);
    }

    private async Task<string> SnapshotAsync(string connectionString)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        var rows = await db.Incidents.AsNoTracking().OrderBy(i => i.Reference).ToListAsync(_cancellationToken);
        return string.Join("|", rows.Select(i => $"{i.Reference};{i.Title};{i.Summary};{i.UpdatedAt:O};{i.ExposedData}"));
    }
}
