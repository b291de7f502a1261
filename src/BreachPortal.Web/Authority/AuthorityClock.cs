using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Authority;

/// <summary>Where an incident stands against the 72 hours of Art. 33(1), counted from detection.</summary>
public enum AuthorityClockState
{
    /// <summary>Detection date not known, or the dates too imprecise to decide.</summary>
    Undetermined = 0,

    /// <summary>Not notified yet, and the 72 hours are not over.</summary>
    Running = 1,

    /// <summary>Not notified yet, and the 72 hours are over.</summary>
    Overdue = 2,

    OnTime = 3,

    /// <summary>Notified after 72 hours; the reasons must accompany the notification.</summary>
    Late = 4,
}

/// <param name="State">Where it stands.</param>
/// <param name="Deadline">Detection + 72 hours (from the start of the detection date's period: the earliest, so the safest, deadline).</param>
/// <param name="Remaining">While <see cref="AuthorityClockState.Running"/>: time left; while overdue: how long ago the deadline passed (negative).</param>
/// <param name="ReasonGiven">For a late notification: whether the reasons for the delay are recorded.</param>
public sealed record AuthorityClock(AuthorityClockState State, DateTimeOffset? Deadline, TimeSpan? Remaining, bool ReasonGiven)
{
    public static AuthorityClock Of(Incident incident, string? lateReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Detected.At is not { } detected)
        {
            return new AuthorityClock(AuthorityClockState.Undetermined, null, null, false);
        }

        var deadline = detected + NotificationDeadline.Limit;
        if (!incident.AuthorityNotified.IsKnown)
        {
            var remaining = deadline - now;
            return new AuthorityClock(remaining > TimeSpan.Zero ? AuthorityClockState.Running : AuthorityClockState.Overdue, deadline, remaining, false);
        }

        var state = NotificationDeadline.Assess(incident.Detected, incident.AuthorityNotified) switch
        {
            NotificationTimeliness.WithinDeadline => AuthorityClockState.OnTime,
            NotificationTimeliness.Late => AuthorityClockState.Late,
            _ => AuthorityClockState.Undetermined,
        };
        return new AuthorityClock(state, deadline, null, state == AuthorityClockState.Late && !string.IsNullOrWhiteSpace(lateReason));
    }
}
