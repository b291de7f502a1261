using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Web.Authority;

/// <param name="Kind">Initial or complementary.</param>
/// <param name="SentAt">When it was sent to the authority.</param>
/// <param name="AuthorityReference">The authority's reference, if it gave one.</param>
/// <param name="Changes">What it adds or corrects (required for a complementary one).</param>
public sealed record AuthorityNotificationDraft(AuthorityNotificationKind Kind, DateTimeOffset SentAt, string? AuthorityReference, string? Changes);

public enum AuthorityNotificationProblem
{
    None = 0,
    IncidentNotFound,
    InitialExists,
    InitialMissing,
    SentInFuture,
    BeforeInitial,
    ChangesMissing,
    ChangesTooLong,
    ReferenceTooLong,
}

public sealed record AuthorityNotificationOutcome(AuthorityNotificationProblem Problem, AuthorityNotification? Notification = null)
{
    public bool Succeeded => Problem == AuthorityNotificationProblem.None;
}

/// <summary>
/// The history of notifications to the authority: recording one keeps the Art. 33 report as sent, and the initial
/// one is the incident's notification date that the 72-hour clock reads.
/// </summary>
public sealed class AuthorityNotifications(PortalDbContext db, Art33Reports reports, AuditLog audit, TimeProvider time)
{
    private const string OneInitialIndex = "ix_authority_notifications_one_initial";

    /// <summary>The incident's notifications, oldest first.</summary>
    public async Task<IReadOnlyList<AuthorityNotification>> HistoryAsync(int incidentId, CancellationToken cancellationToken) =>
        await db.Set<AuthorityNotification>().AsNoTracking()
            .Where(n => n.IncidentId == incidentId)
            .OrderBy(n => n.SentAt).ThenBy(n => n.Id)
            .ToListAsync(cancellationToken);

    public Task<AuthorityNotification?> FindAsync(int incidentId, int id, CancellationToken cancellationToken) =>
        db.Set<AuthorityNotification>().AsNoTracking().SingleOrDefaultAsync(n => n.IncidentId == incidentId && n.Id == id, cancellationToken);

    public Task<bool> HasInitialAsync(int incidentId, CancellationToken cancellationToken) =>
        db.Set<AuthorityNotification>().AnyAsync(n => n.IncidentId == incidentId && n.Kind == AuthorityNotificationKind.Initial, cancellationToken);

    public async Task<AuthorityNotificationOutcome> RecordAsync(string reference, AuthorityNotificationDraft draft, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        var incident = await db.Incidents.FindByReferenceAsync(reference, cancellationToken);
        if (incident is null)
        {
            return new AuthorityNotificationOutcome(AuthorityNotificationProblem.IncidentNotFound);
        }

        var changes = draft.Changes?.Trim() ?? "";
        var authorityReference = string.IsNullOrWhiteSpace(draft.AuthorityReference) ? null : draft.AuthorityReference.Trim();
        var now = time.GetUtcNow();
        var initialSentAt = await db.Set<AuthorityNotification>()
            .Where(n => n.IncidentId == incident.Id && n.Kind == AuthorityNotificationKind.Initial)
            .Select(n => (DateTimeOffset?)n.SentAt)
            .SingleOrDefaultAsync(cancellationToken);
        var problem = draft switch
        {
            { Kind: AuthorityNotificationKind.Initial } when initialSentAt is not null => AuthorityNotificationProblem.InitialExists,
            { Kind: AuthorityNotificationKind.Complementary } when initialSentAt is null => AuthorityNotificationProblem.InitialMissing,
            _ when draft.SentAt > now => AuthorityNotificationProblem.SentInFuture,
            { Kind: AuthorityNotificationKind.Complementary } when draft.SentAt < initialSentAt => AuthorityNotificationProblem.BeforeInitial,
            { Kind: AuthorityNotificationKind.Complementary } when changes.Length == 0 => AuthorityNotificationProblem.ChangesMissing,
            _ when changes.Length > AuthorityNotification.ChangesMaxLength => AuthorityNotificationProblem.ChangesTooLong,
            _ when authorityReference?.Length > AuthorityNotification.AuthorityReferenceMaxLength => AuthorityNotificationProblem.ReferenceTooLong,
            _ => AuthorityNotificationProblem.None,
        };
        if (problem != AuthorityNotificationProblem.None)
        {
            return new AuthorityNotificationOutcome(problem);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (draft.Kind == AuthorityNotificationKind.Initial)
        {
            incident.AuthorityNotified = IncidentDate.Exact(draft.SentAt);
            incident.UpdatedAt = now;
        }

        // The report as sent: with the notification date it carries, so the snapshot shows whether it was on time.
        var report = await reports.BuildAsync(incident, cancellationToken);
        var notification = new AuthorityNotification
        {
            IncidentId = incident.Id,
            Kind = draft.Kind,
            SentAt = draft.SentAt.ToUniversalTime(),
            AuthorityReference = authorityReference,
            Changes = changes,
            Snapshot = report.ToJson(),
            RecordedAt = now,
            RecordedBy = actor.StaffId,
        };
        db.Add(notification);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (conflict.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OneInitialIndex })
        {
            // Someone recorded the initial notification between the check above and this insert.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new AuthorityNotificationOutcome(AuthorityNotificationProblem.InitialExists);
        }

        await audit.AppendAsync(
            new AuditEntry(AuditEventType.AuthorityNotificationRecorded, actor)
            {
                SubjectType = AuditSubjects.Incident,
                SubjectId = incident.Reference,
                Detail = string.Create(CultureInfo.InvariantCulture, $"notification={notification.Id}; kind={draft.Kind.ToString().ToLowerInvariant()}; sentAt={notification.SentAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}"),
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuthorityNotificationOutcome(AuthorityNotificationProblem.None, notification);
    }
}
