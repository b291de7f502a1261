using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Retention;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Tests.Registry.Retention;

public sealed class RegistryRetentionTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IServiceProvider Services => app.Factory.Services;

    [Fact]
    public async Task PurgeAsync_PeoplePastTheirDate_LoseEverythingThatIdentifiesThem_AndKeepTheirRowAndExposures()
    {
        await RetentionPeople.PurgeAsync(Services);
        var people = await RetentionPeople.ImportNewAsync(Services, "FT-2024-03", 4);
        var (due, alsoDue, later, undated) = (people[0], people[1], people[2], people[3]);
        await RetentionPeople.ImportAsync(Services, "PE-2023-08", due.Nir);
        var now = DateTimeOffset.UtcNow;
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, now.AddDays(-1), due, alsoDue);
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, now.AddDays(30), later);
        var heldBefore = (await RetentionPeople.ReadAsync(app.ConnectionString, due)).HeldData;

        var result = await RetentionPeople.PurgeAsync(Services);

        Assert.False(result.AlreadyRunning);
        Assert.Equal(2, result.Erased);
        await RetentionPeople.AssertErasedAsync(app.ConnectionString, due);
        await RetentionPeople.AssertErasedAsync(app.ConnectionString, alsoDue);
        var erased = await RetentionPeople.ReadAsync(app.ConnectionString, due);
        Assert.Equal(heldBefore, erased.HeldData);
        Assert.InRange(erased.PurgedAt!.Value, now.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(2, await RetentionPeople.ExposuresAsync(app.ConnectionString, due));
        Assert.Equal(1, await RetentionPeople.ExposuresAsync(app.ConnectionString, alsoDue));
        await RetentionPeople.AssertIntactAsync(Services, app.ConnectionString, later);
        await RetentionPeople.AssertIntactAsync(Services, app.ConnectionString, undated);
        await using var db = app.CreateDbContext();
        Assert.Equal(await db.Set<Person>().CountAsync(p => p.PurgedAt != null, Ct), result.PurgedInTotal);
        Assert.Equal(await db.Set<Person>().CountAsync(p => p.PurgedAt == null && p.RetainUntil != null, Ct), result.Retained);
    }

    [Fact]
    public async Task PurgeAsync_RunTwice_AuditsTheFirstRunWithItsCount_AndTheSecondErasesNothing()
    {
        await RetentionPeople.PurgeAsync(Services);
        var people = await RetentionPeople.ImportNewAsync(Services, "FT-2024-03", 3);
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, DateTimeOffset.UtcNow.AddMinutes(-1), people);
        var eventsBefore = (await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.RegistryPurged)).Count;

        var first = await RetentionPeople.PurgeAsync(Services);
        var second = await RetentionPeople.PurgeAsync(Services);

        Assert.Equal(3, first.Erased);
        Assert.Equal(0, second.Erased);
        Assert.Equal(first.PurgedInTotal, second.PurgedInTotal);
        var events = await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.RegistryPurged);
        Assert.Equal(eventsBefore + 1, events.Count);
        var purged = events[^1];
        Assert.Equal($"erased=3 purged_total={first.PurgedInTotal} retained={first.Retained}", purged.Detail);
        Assert.Equal("command-line", purged.Actor);
        Assert.Null(purged.SubjectType);
        Assert.Null(purged.SubjectId);
        foreach (var person in people)
        {
            Assert.DoesNotContain(person.Nir, purged.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PurgeAsync_WhileAnotherPurgeHoldsTheLock_SaysSoAndChangesNothing()
    {
        var people = await RetentionPeople.ImportNewAsync(Services, "FT-2024-03", 1);
        await RetentionPeople.SetRetainUntilAsync(app.ConnectionString, DateTimeOffset.UtcNow.AddDays(-1), people);
        await using var otherInstance = new NpgsqlConnection(app.ConnectionString);
        await otherInstance.OpenAsync(Ct);
        await ExecuteAsync(otherInstance, "SELECT pg_advisory_lock($1)");

        var blocked = await RetentionPeople.PurgeAsync(Services);
        await RetentionPeople.AssertIntactAsync(Services, app.ConnectionString, people[0]);
        await ExecuteAsync(otherInstance, "SELECT pg_advisory_unlock($1)");
        var afterwards = await RetentionPeople.PurgeAsync(Services);

        Assert.True(blocked.AlreadyRunning);
        Assert.Equal(0, blocked.Erased);
        Assert.False(afterwards.AlreadyRunning);
        await RetentionPeople.AssertErasedAsync(app.ConnectionString, people[0]);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = RegistryRetention.PurgeLock } } };
        await command.ExecuteNonQueryAsync(Ct);
    }
}
