using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Authority.Record;

public sealed class AuthorityRecordsTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static readonly AuditActor Operator = new(Guid.NewGuid(), "o•••@agence.example", "192.0.2.1");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindAsync_WithoutARecord_HasEverythingNotKnownYet()
    {
        var view = await WithRecordsAsync(records => records.FindAsync("ft-2024-03", null, Cancel));

        Assert.NotNull(view);
        Assert.Equal("FT-2024-03", view.Incident.Reference);
        Assert.Null(view.Record);
        Assert.Empty(view.Notifications);
        Assert.Equal(AuthorityClockState.Late, view.Clock.State);
        Assert.True(view.LateReasonMissing);
        var blank = AuthorityRecordChange.From(view.Incident, view.Record);
        Assert.Null(blank.Certainty);
        Assert.Null(blank.Origins);
        Assert.Null(blank.ExpectedVersion);
    }

    [Fact]
    public async Task SaveAsync_InvalidItems_AreRefusedWhole_WithAProblemPerItem()
    {
        var reference = await AuthorityRecordData.CreateIncidentAsync(app.ConnectionString, IncidentDate.Unknown, IncidentDate.Unknown);
        var view = await WithRecordsAsync(records => records.FindAsync(reference, null, Cancel));
        var change = AuthorityRecordChange.From(view!.Incident, view.Record);

        var result = await WithRecordsAsync(records => records.SaveAsync(reference, new AuthorityRecordChange
        {
            Started = IncidentDate.Day(2024, 3, 6),
            Ended = IncidentDate.Day(2024, 3, 5),
            ApproximatePeople = -1,
            ApproximateRecords = -2,
            LateReason = new string('r', AuthorityRecord.TextMaxLength + 1),
            ImmediateMeasures = "Ligne 1\r\n" + new string('m', AuthorityRecord.TextMaxLength - 8),
            ExpectedDates = change.ExpectedDates,
        }, Operator, Cancel));

        Assert.Equal(AuthorityRecordSaveOutcome.Invalid, result.Outcome);
        Assert.Equal(
            [
                new AuthorityRecordError(nameof(AuthorityRecordChange.LateReason), AuthorityRecordProblem.TooLong),
                new AuthorityRecordError(nameof(AuthorityRecordChange.ApproximatePeople), AuthorityRecordProblem.Negative),
                new AuthorityRecordError(nameof(AuthorityRecordChange.ApproximateRecords), AuthorityRecordProblem.Negative),
                new AuthorityRecordError(nameof(AuthorityRecordChange.Ended), AuthorityRecordProblem.EndsBeforeStart),
            ],
            result.Errors);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Set<AuthorityRecord>().AnyAsync(r => r.IncidentId == view.Incident.Id, Cancel));
        Assert.DoesNotContain(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuthorityRecordUpdated), e => e.SubjectId == reference);
    }

    [Fact]
    public async Task SaveAsync_TwoSavesFromTheSameVersion_TheSecondIsAConflictNamingTheItemsThatDiffer()
    {
        var reference = await AuthorityRecordData.CreateIncidentAsync(app.ConnectionString, IncidentDate.Unknown, IncidentDate.Unknown);
        var view = await WithRecordsAsync(records => records.FindAsync(reference, null, Cancel));
        var loaded = AuthorityRecordChange.From(view!.Incident, view.Record);

        var first = await WithRecordsAsync(records => records.SaveAsync(reference, new AuthorityRecordChange { Ongoing = true, ExpectedDates = loaded.ExpectedDates }, Operator, Cancel));
        var second = await WithRecordsAsync(records => records.SaveAsync(reference, new AuthorityRecordChange { Ongoing = true, StorageMedium = "Papier", ExpectedDates = loaded.ExpectedDates }, Operator, Cancel));

        Assert.Equal(AuthorityRecordSaveOutcome.Saved, first.Outcome);
        Assert.Equal([nameof(AuthorityRecordChange.Ongoing)], first.Changed);
        Assert.Equal(AuthorityRecordSaveOutcome.Conflict, second.Outcome);
        Assert.Equal([nameof(AuthorityRecordChange.StorageMedium)], second.Changed);
        await using var db = app.CreateDbContext();
        var stored = await db.Set<AuthorityRecord>().AsNoTracking().SingleAsync(r => r.IncidentId == view.Incident.Id, Cancel);
        Assert.True(stored.Ongoing);
        Assert.Null(stored.StorageMedium);
        Assert.Equal(Operator.StaffId, stored.UpdatedBy);
        var audited = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuthorityRecordUpdated), e => e.SubjectId == reference);
        Assert.Equal("changed: Ongoing", audited.Detail);
    }

    private async Task<T> WithRecordsAsync<T>(Func<AuthorityRecords, Task<T>> action)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AuthorityRecords>());
    }
}
