using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Tests.Staff.Audit;

public sealed class AuditChainVerifierTests(PostgresServer server)
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_EmptyLog_IsIntactWithNoEvents()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var report = await VerifyAsync(connectionString);

        Assert.True(report.IsIntact);
        Assert.Equal(0, report.VerifiedEvents);
    }

    [Fact]
    public async Task VerifyAsync_UntouchedLog_IsIntactAndCountsEveryEvent()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await AuditTestData.AppendAsync(connectionString, 6, _cancellationToken);

        var report = await VerifyAsync(connectionString);

        Assert.True(report.IsIntact, report.Reason);
        Assert.Equal(6, report.VerifiedEvents);
        Assert.Equal(32, report.LastHash!.Length);
    }

    [Theory]
    [InlineData("detail = 'x'")]
    [InlineData("actor = 'someone-else'")]
    [InlineData("occurred_at = occurred_at + interval '1 second'")]
    [InlineData("type = 1000")]
    [InlineData("client_address = NULL")]
    public async Task VerifyAsync_AlteredEvent_NamesThatEvent(string change)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var events = await AuditTestData.AppendAsync(connectionString, 5, _cancellationToken);
        var altered = events[2].Id;

        await AuditTestData.TamperAsync(connectionString, $"UPDATE audit_events SET {change} WHERE id = {altered}", _cancellationToken);
        var report = await VerifyAsync(connectionString);

        Assert.False(report.IsIntact);
        Assert.Equal(altered, report.FirstBrokenId);
        Assert.Equal(2, report.VerifiedEvents);
        Assert.Contains("altered", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_AlteredEventWithItsHashRecomputed_NamesTheFollowingEvent()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var events = await AuditTestData.AppendAsync(connectionString, 5, _cancellationToken);
        var forged = events[2];
        forged.Detail = "forged";
        var forgedHash = Convert.ToHexString(AuditChain.ComputeHash(forged.PreviousHash, forged));

        await AuditTestData.TamperAsync(
            connectionString, $"UPDATE audit_events SET detail = 'forged', hash = '\\x{forgedHash}'::bytea WHERE id = {forged.Id}", _cancellationToken);
        var report = await VerifyAsync(connectionString);

        Assert.Equal(events[3].Id, report.FirstBrokenId);
        Assert.Equal(3, report.VerifiedEvents);
    }

    [Fact]
    public async Task VerifyAsync_MiddleEventDeleted_NamesTheEventAfterIt()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var events = await AuditTestData.AppendAsync(connectionString, 5, _cancellationToken);

        await AuditTestData.TamperAsync(connectionString, $"DELETE FROM audit_events WHERE id = {events[2].Id}", _cancellationToken);
        var report = await VerifyAsync(connectionString);

        Assert.Equal(events[3].Id, report.FirstBrokenId);
        Assert.Equal(2, report.VerifiedEvents);
        Assert.Contains("previous-hash", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_FirstEventDeleted_NamesTheNewFirstEvent()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var events = await AuditTestData.AppendAsync(connectionString, 3, _cancellationToken);

        await AuditTestData.TamperAsync(connectionString, $"DELETE FROM audit_events WHERE id = {events[0].Id}", _cancellationToken);
        var report = await VerifyAsync(connectionString);

        Assert.Equal(events[1].Id, report.FirstBrokenId);
        Assert.Equal(0, report.VerifiedEvents);
    }

    [Fact]
    public async Task VerifyAsync_EventsWrittenWithLegacySubjectSpellings_StayIntactBesideCurrentOnes()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using (var db = PostgresServer.CreateContext(connectionString))
        {
            var log = new AuditLog(db, TimeProvider.System);
            foreach (var (legacy, current) in AuditSubjects.LegacySpellings)
            {
                await log.AppendAsync(new AuditEntry(AuditEventType.PersonRecordViewed, AuditActor.System) { SubjectType = legacy, SubjectId = "42" }, _cancellationToken);
                await log.AppendAsync(new AuditEntry(AuditEventType.PersonRecordViewed, AuditActor.System) { SubjectType = current, SubjectId = "42" }, _cancellationToken);
            }
        }

        var report = await VerifyAsync(connectionString);

        Assert.True(report.IsIntact, report.Reason);
        Assert.Equal(2 * AuditSubjects.LegacySpellings.Count, report.VerifiedEvents);
    }

    private async Task<AuditChainReport> VerifyAsync(string connectionString)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        return await new AuditChainVerifier(db).VerifyAsync(_cancellationToken);
    }
}
