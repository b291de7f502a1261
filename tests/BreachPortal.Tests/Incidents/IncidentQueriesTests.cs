using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Demo;
using BreachPortal.Web.Incidents;

namespace BreachPortal.Tests.Incidents;

public sealed class IncidentQueriesTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("FT-2024-03")]
    [InlineData("ft-2024-03")]
    [InlineData("  Ft-2024-03 ")]
    public async Task FindByReference_AsTypedOrLinked_FindsTheIncident(string typed)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using (var seeding = PostgresServer.CreateContext(connectionString))
        {
            await new DemoSeeder(seeding, TimeProvider.System).SeedAsync(Cancel);
        }

        await using var db = PostgresServer.CreateContext(connectionString);
        var incident = await db.Incidents.FindByReferenceAsync(typed, Cancel);

        Assert.Equal("FT-2024-03", incident?.Reference);
    }

    [Fact]
    public async Task FindByReference_OfNoIncident_IsNull()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var db = PostgresServer.CreateContext(connectionString);

        Assert.Null(await db.Incidents.FindByReferenceAsync("XX-0000-00", Cancel));
    }
}
