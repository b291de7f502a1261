using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Web.Authority;

/// <param name="Reference">The incident's reference.</param>
/// <param name="Title">Its title.</param>
/// <param name="Detected">When it was detected (the clock's start).</param>
/// <param name="Clock">Where it stands against the 72 hours.</param>
/// <param name="Notifications">Notifications made to the authority.</param>
/// <param name="LastSentAt">When the last of them was sent.</param>
public sealed record AuthorityIncidentSummary(string Reference, LocalizedText Title, IncidentDate Detected, AuthorityClock Clock, int Notifications, DateTimeOffset? LastSentAt);

/// <param name="Incident">The incident and its published facts.</param>
/// <param name="Record">The CNIL form's other items; null when nobody wrote any yet (everything not known yet).</param>
/// <param name="Clock">Where it stands against the 72 hours.</param>
/// <param name="Notifications">Notifications made to the authority, oldest first.</param>
public sealed record AuthorityRecordView(Incident Incident, AuthorityRecord? Record, AuthorityClock Clock, IReadOnlyList<AuthorityNotification> Notifications)
{
    /// <summary>A late notification whose reasons are not recorded (Art. 33(1) requires them).</summary>
    public bool LateReasonMissing => Clock.State == AuthorityClockState.Late && !Clock.ReasonGiven;
}

/// <summary>The incident record kept for the supervisory authority: reading it, and the Operator's edits, audited.</summary>
public sealed class AuthorityRecords(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    /// <summary>The items of <see cref="AuthorityRecordChange"/>, in the CNIL form's order, with how to read each.</summary>
    private static readonly (string Name, Func<AuthorityRecordChange, object?> Value)[] Items =
    [
        (nameof(AuthorityRecordChange.Certainty), c => c.Certainty),
        (nameof(AuthorityRecordChange.Started), c => c.Started),
        (nameof(AuthorityRecordChange.Ended), c => c.Ended),
        (nameof(AuthorityRecordChange.Detected), c => c.Detected),
        (nameof(AuthorityRecordChange.Ongoing), c => c.Ongoing),
        (nameof(AuthorityRecordChange.HowDiscovered), c => c.HowDiscovered),
        (nameof(AuthorityRecordChange.Origins), c => c.Origins),
        (nameof(AuthorityRecordChange.OriginDetail), c => c.OriginDetail),
        (nameof(AuthorityRecordChange.Types), c => c.Types),
        (nameof(AuthorityRecordChange.Cause), c => c.Cause),
        (nameof(AuthorityRecordChange.Processors), c => c.Processors),
        (nameof(AuthorityRecordChange.PeopleCategories), c => c.PeopleCategories),
        (nameof(AuthorityRecordChange.ApproximatePeople), c => c.ApproximatePeople),
        (nameof(AuthorityRecordChange.DirectlyIdentifiable), c => c.DirectlyIdentifiable),
        (nameof(AuthorityRecordChange.ApproximateRecords), c => c.ApproximateRecords),
        (nameof(AuthorityRecordChange.StorageMedium), c => c.StorageMedium),
        (nameof(AuthorityRecordChange.Consequences), c => c.Consequences),
        (nameof(AuthorityRecordChange.ConsequencesDetail), c => c.ConsequencesDetail),
        (nameof(AuthorityRecordChange.ImmediateMeasures), c => c.ImmediateMeasures),
        (nameof(AuthorityRecordChange.MediumTermMeasures), c => c.MediumTermMeasures),
        (nameof(AuthorityRecordChange.LongTermMeasures), c => c.LongTermMeasures),
        (nameof(AuthorityRecordChange.Informed), c => c.Informed),
        (nameof(AuthorityRecordChange.HowInformed), c => c.HowInformed),
        (nameof(AuthorityRecordChange.LateReason), c => c.LateReason),
    ];

    /// <summary>The free-text items, limited to <see cref="AuthorityRecord.TextMaxLength"/> characters.</summary>
    public static IReadOnlyList<string> TextItems { get; } =
    [
        nameof(AuthorityRecordChange.HowDiscovered), nameof(AuthorityRecordChange.OriginDetail), nameof(AuthorityRecordChange.Processors),
        nameof(AuthorityRecordChange.PeopleCategories), nameof(AuthorityRecordChange.StorageMedium), nameof(AuthorityRecordChange.ConsequencesDetail),
        nameof(AuthorityRecordChange.ImmediateMeasures), nameof(AuthorityRecordChange.MediumTermMeasures), nameof(AuthorityRecordChange.LongTermMeasures),
        nameof(AuthorityRecordChange.HowInformed), nameof(AuthorityRecordChange.LateReason),
    ];

    /// <summary>Every incident with its clock and its notifications to the authority, by reference; the reading is audited.</summary>
    public async Task<IReadOnlyList<AuthorityIncidentSummary>> ListAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var incidents = await db.Incidents.AsNoTracking().OrderBy(i => i.Reference).ToListAsync(cancellationToken);
        var reasons = await db.Set<AuthorityRecord>().AsNoTracking()
            .Select(r => new { r.IncidentId, r.LateReason })
            .ToDictionaryAsync(r => r.IncidentId, r => r.LateReason, cancellationToken);
        var notifications = await db.Set<AuthorityNotification>().AsNoTracking()
            .GroupBy(n => n.IncidentId)
            .Select(g => new { IncidentId = g.Key, Count = g.Count(), Last = g.Max(n => n.SentAt) })
            .ToDictionaryAsync(n => n.IncidentId, cancellationToken);
        await audit.AppendAsync(new AuditEntry(AuditEventType.AuthorityRecordViewed, actor) { SubjectType = AuditSubjects.Incident, SubjectId = "*", Detail = "list" }, cancellationToken);
        return
        [
            .. incidents.Select(i => new AuthorityIncidentSummary(
                i.Reference,
                i.Title,
                i.Detected,
                AuthorityClock.Of(i, reasons.GetValueOrDefault(i.Id), now),
                notifications.TryGetValue(i.Id, out var sent) ? sent.Count : 0,
                notifications.TryGetValue(i.Id, out var last) ? last.Last : null)),
        ];
    }

    /// <summary>One incident's record, clock and notifications; null when no incident has that reference. A view by a person is audited.</summary>
    public async Task<AuthorityRecordView?> FindAsync(string reference, AuditActor? viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var incident = await db.Incidents.AsNoTracking().FindByReferenceAsync(reference, cancellationToken);
        if (incident is null)
        {
            return null;
        }

        var record = await db.Set<AuthorityRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.IncidentId == incident.Id, cancellationToken);
        var notifications = await db.Set<AuthorityNotification>().AsNoTracking()
            .Where(n => n.IncidentId == incident.Id)
            .OrderBy(n => n.SentAt).ThenBy(n => n.Id)
            .ToListAsync(cancellationToken);
        if (viewer is not null)
        {
            await audit.AppendAsync(new AuditEntry(AuditEventType.AuthorityRecordViewed, viewer) { SubjectType = AuditSubjects.Incident, SubjectId = incident.Reference }, cancellationToken);
        }

        return new AuthorityRecordView(incident, record, AuthorityClock.Of(incident, record?.LateReason, time.GetUtcNow()), notifications);
    }

    /// <summary>
    /// Writes every item of the change, refusing it whole when an item is invalid or when the record or the incident's
    /// dates were saved since the form was loaded. The audit names the items that changed, never their values.
    /// </summary>
    public async Task<AuthorityRecordSaveResult> SaveAsync(string reference, AuthorityRecordChange change, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(actor);
        change = Normalize(change);
        var errors = Validate(change);
        if (errors.Count > 0)
        {
            return new AuthorityRecordSaveResult(AuthorityRecordSaveOutcome.Invalid, errors, []);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incident = await db.Incidents.FindByReferenceAsync(reference, cancellationToken);
        if (incident is null)
        {
            return new AuthorityRecordSaveResult(AuthorityRecordSaveOutcome.NotFound, [], []);
        }

        var record = await db.Set<AuthorityRecord>().SingleOrDefaultAsync(r => r.IncidentId == incident.Id, cancellationToken);
        var current = AuthorityRecordChange.From(incident, record);
        if (record?.Version != change.ExpectedVersion || DatesStamp(incident) != change.ExpectedDates)
        {
            return Conflict(current, change);
        }

        var changed = Differences(current, change);
        if (changed.Count == 0)
        {
            return new AuthorityRecordSaveResult(AuthorityRecordSaveOutcome.Unchanged, [], []);
        }

        var now = time.GetUtcNow();
        if (record is null)
        {
            record = new AuthorityRecord { IncidentId = incident.Id };
            db.Add(record);
        }

        Apply(change, record);
        record.UpdatedAt = now;
        record.UpdatedBy = actor.StaffId;

        // Every save rewrites the record's row, so its version (xmin) also guards the incident's dates saved with it.
        if (db.Entry(record).State != EntityState.Added)
        {
            db.Entry(record).Property(r => r.UpdatedAt).IsModified = true;
        }

        if (incident.Started != change.Started || incident.Ended != change.Ended || incident.Detected != change.Detected)
        {
            incident.Started = change.Started;
            incident.Ended = change.Ended;
            incident.Detected = change.Detected;
            incident.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException saved) when (saved is DbUpdateConcurrencyException || saved.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(cancellationToken);
            var latest = await FindAsync(reference, null, cancellationToken);
            return Conflict(AuthorityRecordChange.From(latest!.Incident, latest.Record), change);
        }

        await audit.AppendAsync(
            new AuditEntry(AuditEventType.AuthorityRecordUpdated, actor)
            {
                SubjectType = AuditSubjects.Incident,
                SubjectId = incident.Reference,
                Detail = "changed: " + string.Join(", ", changed),
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuthorityRecordSaveResult(AuthorityRecordSaveOutcome.Saved, [], changed);
    }

    /// <summary>The incident's three CNIL dates as a comparable text, carried by the form to notice a change made meanwhile.</summary>
    public static string DatesStamp(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return string.Join(';', new[] { incident.Started, incident.Ended, incident.Detected }
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Precision}:{d.At?.UtcTicks}")));
    }

    /// <summary>The names of the items whose values differ between two versions of the record.</summary>
    public static IReadOnlyList<string> Differences(AuthorityRecordChange before, AuthorityRecordChange after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. Items.Where(item => !Equals(item.Value(before), item.Value(after))).Select(item => item.Name)];
    }

    /// <summary>The items of a normalized change (<see cref="Normalize"/>) that cannot be stored.</summary>
    public static IReadOnlyList<AuthorityRecordError> Validate(AuthorityRecordChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var errors = new List<AuthorityRecordError>();
        foreach (var (name, value) in Items)
        {
            if (TextItems.Contains(name) && value(change) is string { Length: > AuthorityRecord.TextMaxLength })
            {
                errors.Add(new AuthorityRecordError(name, AuthorityRecordProblem.TooLong));
            }
        }

        if (change.ApproximatePeople < 0)
        {
            errors.Add(new AuthorityRecordError(nameof(change.ApproximatePeople), AuthorityRecordProblem.Negative));
        }

        if (change.ApproximateRecords < 0)
        {
            errors.Add(new AuthorityRecordError(nameof(change.ApproximateRecords), AuthorityRecordProblem.Negative));
        }

        // Only when certain whatever the precision: the whole period of the end (its End is exclusive) comes before the start.
        if (change.Ended.End is { } endedBy && change.Started.At is { } started && endedBy <= started && change.Ended.At < started)
        {
            errors.Add(new AuthorityRecordError(nameof(change.Ended), AuthorityRecordProblem.EndsBeforeStart));
        }

        return errors;
    }

    private static AuthorityRecordSaveResult Conflict(AuthorityRecordChange current, AuthorityRecordChange submitted) =>
        new(AuthorityRecordSaveOutcome.Conflict, [], Differences(current, submitted));

    /// <summary>The change as it would be stored: texts trimmed, blank texts "not known yet", line ends LF.</summary>
    public static AuthorityRecordChange Normalize(AuthorityRecordChange change) => new()
    {
        Started = change.Started,
        Ended = change.Ended,
        Detected = change.Detected,
        Certainty = change.Certainty,
        Ongoing = change.Ongoing,
        HowDiscovered = Text(change.HowDiscovered),
        Origins = change.Origins,
        OriginDetail = Text(change.OriginDetail),
        Types = change.Types,
        Cause = change.Cause,

        // For processors an empty text is an answer ("none"), not "not known yet".
        Processors = change.Processors is null ? null : Text(change.Processors) ?? "",
        PeopleCategories = Text(change.PeopleCategories),
        ApproximatePeople = change.ApproximatePeople,
        DirectlyIdentifiable = change.DirectlyIdentifiable,
        ApproximateRecords = change.ApproximateRecords,
        StorageMedium = Text(change.StorageMedium),
        Consequences = change.Consequences,
        ConsequencesDetail = Text(change.ConsequencesDetail),
        ImmediateMeasures = Text(change.ImmediateMeasures),
        MediumTermMeasures = Text(change.MediumTermMeasures),
        LongTermMeasures = Text(change.LongTermMeasures),
        Informed = change.Informed,
        HowInformed = Text(change.HowInformed),
        LateReason = Text(change.LateReason),
        ExpectedVersion = change.ExpectedVersion,
        ExpectedDates = change.ExpectedDates,
    };

    /// <summary>Browsers send CR LF in text areas: stored with LF only, so lengths and comparisons are the same everywhere.</summary>
    private static string? Text(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static void Apply(AuthorityRecordChange change, AuthorityRecord record)
    {
        record.Certainty = change.Certainty;
        record.Ongoing = change.Ongoing;
        record.HowDiscovered = change.HowDiscovered;
        record.Origins = change.Origins;
        record.OriginDetail = change.OriginDetail;
        record.Types = change.Types;
        record.Cause = change.Cause;
        record.Processors = change.Processors;
        record.PeopleCategories = change.PeopleCategories;
        record.ApproximatePeople = change.ApproximatePeople;
        record.DirectlyIdentifiable = change.DirectlyIdentifiable;
        record.ApproximateRecords = change.ApproximateRecords;
        record.StorageMedium = change.StorageMedium;
        record.Consequences = change.Consequences;
        record.ConsequencesDetail = change.ConsequencesDetail;
        record.ImmediateMeasures = change.ImmediateMeasures;
        record.MediumTermMeasures = change.MediumTermMeasures;
        record.LongTermMeasures = change.LongTermMeasures;
        record.Informed = change.Informed;
        record.HowInformed = change.HowInformed;
        record.LateReason = change.LateReason;
    }
}
