using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Tests.Registry.Import;

/// <summary>A database of its own: seeding people only happens into incidents that have none yet.</summary>
public sealed class SeedDemoCommandTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedDemoWithPeople_PutsSyntheticPeopleInBothIncidentsAndTheCnilFile_ThenLeavesThemAlone()
    {
        var output = new StringWriter();
        var again = new StringWriter();

        await PortalCommandLine.RunAsync(app.Factory.Services, ["seed-demo", "--people"], output, TextWriter.Null, Ct);
        await PortalCommandLine.RunAsync(app.Factory.Services, ["seed-demo", "--people"], again, TextWriter.Null, Ct);

        Assert.Matches(@"seed-demo: FT-2024-03 people imported=29[0-9]{2} rejected=[0-9]+ duplicates=[0-9]+", output.ToString());
        Assert.Matches(@"seed-demo: PE-2023-08 people imported=14[0-9]{2} rejected=[0-9]+ duplicates=[0-9]+", output.ToString());
        Assert.Contains("seed-demo: FT-2024-03 already has people; left as it is.", again.ToString(), StringComparison.Ordinal);
        Assert.Contains("seed-demo: FT-2024-03 CNIL record and initial notification recorded.", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CNIL record", again.ToString(), StringComparison.Ordinal);
    }
}
