using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Tests.Registry.Retention;

public sealed class PurgeCommandTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task PurgeVerb_DryRunThenRun_FirstOnlyCountsThenErases_AndEndsWithPurgedN()
    {
        await RetentionPeople.PurgeAsync(app.Factory.Services);
        var people = await RetentionPeople.ImportNewAsync(app.Factory.Services, "FT-2024-03", 3);
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, DateTimeOffset.UtcNow.AddDays(-1), people[0], people[1]);

        var dryRun = await RunAsync("purge", "--dry-run");
        await RetentionPeople.AssertIntactAsync(app.Factory.Services, app.ConnectionString, people[0]);
        var run = await RunAsync("purge");
        var again = await RunAsync("purge");

        Assert.Equal(PortalCommandLine.Success, dryRun.ExitCode);
        Assert.Contains("nothing changed", dryRun.Lines[0], StringComparison.Ordinal);
        Assert.Equal("purged=2", dryRun.Lines[^1]);
        Assert.Equal(PortalCommandLine.Success, run.ExitCode);
        Assert.Equal("purged=2", run.Lines[^1]);
        await RetentionPeople.AssertErasedAsync(app.ConnectionString, people[0]);
        await RetentionPeople.AssertErasedAsync(app.ConnectionString, people[1]);
        await RetentionPeople.AssertIntactAsync(app.Factory.Services, app.ConnectionString, people[2]);
        Assert.Equal("purged=0", again.Lines[^1]);
    }

    [Theory]
    [InlineData("unknown option '--force'", "--force")]
    [InlineData("unknown option 'now'", "--dry-run", "now")]
    [InlineData("--dry-run is given twice", "--dry-run", "--dry-run")]
    public async Task PurgeVerb_WithABadArgument_ExplainsAndExitsWithUsageError(string explanation, params string[] arguments)
    {
        var people = await RetentionPeople.ImportNewAsync(app.Factory.Services, "FT-2024-03", 1);
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, DateTimeOffset.UtcNow.AddDays(-1), people);

        var result = await RunAsync(["purge", .. arguments]);

        Assert.Equal(PortalCommandLine.UsageError, result.ExitCode);
        Assert.Contains(explanation, result.Output, StringComparison.Ordinal);
        Assert.Contains("usage: purge [--dry-run]", result.Output, StringComparison.Ordinal);
        await RetentionPeople.AssertIntactAsync(app.Factory.Services, app.ConnectionString, people[0]);
    }

    private async Task<(int ExitCode, string Output, string[] Lines)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await PortalCommandLine.RunAsync(app.Factory.Services, arguments, output, error, TestContext.Current.CancellationToken);
        Assert.Equal("", error.ToString());
        return (exitCode, output.ToString(), output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
