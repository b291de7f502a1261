
namespace BreachPortal.Web.Staff.Audit;

/// <summary>What an auditor narrows the log to; every field is optional.</summary>
public sealed class AuditFilter
{
    public AuditEventType? Type { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>The staff account that acted.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>The id of what the event concerns (a staff account, later a person or a campaign).</summary>
    public string? SubjectId { get; set; }

    public IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> events)
    {
        if (Type is { } type)
        {
            events = events.Where(e => e.Type == type);
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt < end);
        }

        if (ActorId is { } actor)
        {
            events = events.Where(e => e.ActorId == actor);
        }

        if (!string.IsNullOrWhiteSpace(SubjectId))
        {
            var subject = SubjectId.Trim();
            events = events.Where(e => e.SubjectId == subject);
        }

        return events;
    }

    /// <summary>The filter as the audit event of an export records it.</summary>
    public string Describe() =>
        $"type={Type?.ToString() ?? "*"} from={From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "*"} " +
        $"to={To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "*"} actor={ActorId?.ToString("D") ?? "*"} subject={SubjectId ?? "*"}";
}
