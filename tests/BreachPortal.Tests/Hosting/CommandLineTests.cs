using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Tests.Hosting;

public sealed class CommandLineTests(PostgresServer server, PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task UnknownVerb_ListsTheVerbsAndExitsWithUsageError()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await PortalCommandLine.RunAsync(app.Factory.Services, ["frobnicate"], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(PortalCommandLine.UsageError, exitCode);
        Assert.Contains("Unknown command 'frobnicate'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("migrate", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("seed-demo", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedDemoVerb_OnSeededDatabase_ReportsNothingChanged()
    {
        var output = new StringWriter();

        var exitCode = await PortalCommandLine.RunAsync(app.Factory.Services, ["seed-demo"], output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(PortalCommandLine.Success, exitCode);
        Assert.Equal("seed-demo: incidents created=0 updated=0 unchanged=2", output.ToString().Trim());
    }

    [Fact]
    public async Task MigrateVerb_RunAsAProcess_AppliesTheMigrationsThenFindsNothingToDo()
    {
        var connectionString = await server.CreateEmptyDatabaseConnectionStringAsync();

        var first = await RunPortalAsync(connectionString, "migrate");
        var second = await RunPortalAsync(connectionString, "migrate");

        Assert.True(first.ExitCode == 0, first.Error);
        var all = typeof(BreachPortal.Web.Data.PortalDbContext).Assembly.GetTypes()
            .Count(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0);
        Assert.Contains($"migrate: applied {all} migration(s)", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" ERR]", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("migrate: database is up to date.", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_WithoutConnectionString_ExitsWithAPlainMessageAndNoStackTrace()
    {
        var result = await RunPortalAsync(connectionString: "", "migrate");

        Assert.Equal(PortalCommandLine.Failure, result.ExitCode);
        Assert.Contains("ConnectionStrings__Portal", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunPortalAsync(string connectionString, params string[] arguments) =>
        PortalProcess.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__Portal"] = connectionString }, arguments);
}
