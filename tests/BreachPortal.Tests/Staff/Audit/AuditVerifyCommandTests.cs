using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Tests.Staff.Audit;

/// <summary>The <c>audit-verify</c> verb as operators run it: the built portal, in Production, as a process.</summary>
public sealed class AuditVerifyCommandTests(PostgresServer server)
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditVerify_EmptyLog_ReportsZeroEventsAndSucceeds()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var result = await RunAuditVerifyAsync(connectionString);

        Assert.True(result.ExitCode == PortalCommandLine.Success, result.Output + result.Error);
        Assert.Equal("audit chain ok: 0 events", result.Output.Trim());
    }

    [Fact]
    public async Task AuditVerify_IntactLog_ReportsTheNumberOfEventsAndSucceeds()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await AuditTestData.AppendAsync(connectionString, 7, _cancellationToken);

        var result = await RunAuditVerifyAsync(connectionString);

        Assert.True(result.ExitCode == PortalCommandLine.Success, result.Output + result.Error);
        var lines = result.Output.Trim().Split('\n');
        Assert.Equal("audit chain ok: 7 events", lines[0].Trim());
        Assert.Matches("^last event: id=7 hash=[0-9a-f]{64}$", lines[1].Trim());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task AuditVerify_EventAlteredWithTriggersBypassed_FailsAndNamesThatEvent()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var events = await AuditTestData.AppendAsync(connectionString, 5, _cancellationToken);
        var altered = events[3].Id;

        await AuditTestData.TamperAsync(connectionString, $"UPDATE audit_events SET detail = 'x' WHERE id = {altered}", _cancellationToken);
        var result = await RunAuditVerifyAsync(connectionString);

        Assert.Equal(PortalCommandLine.Failure, result.ExitCode);
        Assert.StartsWith($"audit chain broken at event {altered}:", result.Output.Trim(), StringComparison.Ordinal);
        Assert.Contains("3 events before it are intact", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_MiddleEventDeletedWithTriggersBypassed_FailsAndNamesTheFollowingEvent()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var events = await AuditTestData.AppendAsync(connectionString, 5, _cancellationToken);

        await AuditTestData.TamperAsync(connectionString, $"DELETE FROM audit_events WHERE id = {events[2].Id}", _cancellationToken);
        var result = await RunAuditVerifyAsync(connectionString);

        Assert.Equal(PortalCommandLine.Failure, result.ExitCode);
        Assert.StartsWith($"audit chain broken at event {events[3].Id}:", result.Output.Trim(), StringComparison.Ordinal);
        Assert.Contains("2 events before it are intact", result.Output, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunAuditVerifyAsync(string connectionString)
    {
        var environment = ProductionSettings.AsEnvironment(connectionString);
        return PortalProcess.RunAsync(environment, "audit-verify");
    }
}
