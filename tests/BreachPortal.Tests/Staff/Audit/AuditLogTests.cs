using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Tests.Staff.Audit;

public sealed class AuditLogTests(PostgresServer server)
{
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_SeveralEvents_LinksEachToTheOneBefore()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var appended = await AuditTestData.AppendAsync(connectionString, 5, _cancellationToken);

        var stored = await ReadAllAsync(connectionString);
        Assert.Equal(appended.Select(e => e.Id), stored.Select(e => e.Id));
        Assert.Equal(new byte[32], stored[0].PreviousHash);
        Assert.Equal(AuditChain.Genesis, stored[0].PreviousHash);
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(32, stored[i].Hash.Length);
            Assert.Equal(appended[i].Hash, stored[i].Hash);
            Assert.Equal(AuditChain.ComputeHash(stored[i].PreviousHash, stored[i]), stored[i].Hash);
            if (i > 0)
            {
                Assert.Equal(stored[i - 1].Hash, stored[i].PreviousHash);
                Assert.True(stored[i].Id > stored[i - 1].Id);
            }
        }
    }

    [Fact]
    public async Task AppendAsync_StoresTheEntryAsGiven()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var actor = new AuditActor(Guid.CreateVersion7(), "a•••@agence.example.fr", "192.0.2.7");
        var staffId = Guid.CreateVersion7();
        var before = DateTimeOffset.UtcNow;

        await using (var db = PostgresServer.CreateContext(connectionString))
        {
            await new AuditLog(db, TimeProvider.System).AppendAsync(
                AuditEntry.AboutStaff(AuditEventType.AccountDisabled, actor, staffId, "Administrator"), _cancellationToken);
        }

        var stored = Assert.Single(await ReadAllAsync(connectionString));
        Assert.Equal(AuditEventType.AccountDisabled, stored.Type);
        Assert.Equal(actor.StaffId, stored.ActorId);
        Assert.Equal(actor.Label, stored.Actor);
        Assert.Equal(actor.ClientAddress, stored.ClientAddress);
        Assert.Equal(AuditSubjects.Staff, stored.SubjectType);
        Assert.Equal(staffId.ToString("D"), stored.SubjectId);
        Assert.Equal("Administrator", stored.Detail);
        Assert.InRange(stored.OccurredAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task AppendAsync_InACallersTransactionThatRollsBack_LeavesNothing()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await AuditTestData.AppendAsync(connectionString, 2, _cancellationToken);

        await using (var db = PostgresServer.CreateContext(connectionString))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(_cancellationToken);
            await new AuditLog(db, TimeProvider.System).AppendAsync(AuditTestData.Entry(99), _cancellationToken);
            await transaction.RollbackAsync(_cancellationToken);
        }

        await AuditTestData.AppendAsync(connectionString, 1, _cancellationToken);
        Assert.Equal(3, (await ReadAllAsync(connectionString)).Count);
        await AssertIntactAsync(connectionString, 3);
    }

    [Fact]
    public async Task AppendAsync_TwentyInParallelFromSeparateScopes_FormOneIntactChain()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await AuditTestData.AppendAsync(connectionString, 1, _cancellationToken);
        using var start = new ManualResetEventSlim();

        var appends = Enumerable.Range(0, 20).Select(i => Task.Run(
            async () =>
            {
                await using var db = PostgresServer.CreateContext(connectionString);
                start.Wait(_cancellationToken);
                return await new AuditLog(db, TimeProvider.System).AppendAsync(AuditTestData.Entry(i), _cancellationToken);
            },
            _cancellationToken)).ToList();
        start.Set();
        var appended = await Task.WhenAll(appends);

        var stored = await ReadAllAsync(connectionString);
        Assert.Equal(21, stored.Count);
        Assert.Equal(21, stored.Select(e => e.PreviousHash).Select(Convert.ToHexString).Distinct().Count());
        Assert.Equal(appended.Select(e => e.Id).Order(), stored.Skip(1).Select(e => e.Id));
        for (var i = 1; i < stored.Count; i++)
        {
            Assert.Equal(stored[i - 1].Hash, stored[i].PreviousHash);
        }

        await AssertIntactAsync(connectionString, 21);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET detail = 'rewritten'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    public async Task Trigger_UpdateDeleteOrTruncate_IsRefused(string sql)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await AuditTestData.AppendAsync(connectionString, 3, _cancellationToken);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => AuditTestData.ExecuteAsync(connectionString, sql, _cancellationToken));

        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(3, (await ReadAllAsync(connectionString)).Count);
        await AssertIntactAsync(connectionString, 3);
    }

    [Fact]
    public async Task Trigger_UpdateThroughEntityFramework_IsRefused()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await AuditTestData.AppendAsync(connectionString, 1, _cancellationToken);
        await using var db = PostgresServer.CreateContext(connectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Set<AuditEvent>().ExecuteUpdateAsync(set => set.SetProperty(e => e.Detail, "rewritten"), _cancellationToken));

        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
    }

    private async Task<List<AuditEvent>> ReadAllAsync(string connectionString)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        return await db.Set<AuditEvent>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(_cancellationToken);
    }

    private async Task AssertIntactAsync(string connectionString, long count)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        var report = await new AuditChainVerifier(db).VerifyAsync(_cancellationToken);
        Assert.True(report.IsIntact, report.Reason);
        Assert.Equal(count, report.VerifiedEvents);
    }
}
