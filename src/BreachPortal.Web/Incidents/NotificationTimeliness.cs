namespace BreachPortal.Web.Incidents;

/// <summary>Whether the supervisory authority was notified within 72 hours of detection (GDPR Art. 33(1)).</summary>
public enum NotificationTimeliness
{
    /// <summary>Detection or notification date unknown, or too imprecise to decide.</summary>
    Undetermined = 0,
    WithinDeadline = 1,
    Late = 2,
    NotYetNotified = 3,
}

public static class NotificationDeadline
{
    public static readonly TimeSpan Limit = TimeSpan.FromHours(72);

    /// <summary>
    /// Decides on the whole span each imprecise date allows: on time only if even the longest possible
    /// delay fits in 72 hours, late only if even the shortest possible delay exceeds it.
    /// </summary>
    public static NotificationTimeliness Assess(IncidentDate detected, IncidentDate authorityNotified)
    {
        if (!detected.IsKnown)
        {
            return NotificationTimeliness.Undetermined;
        }

        if (!authorityNotified.IsKnown)
        {
            return NotificationTimeliness.NotYetNotified;
        }

        var shortest = authorityNotified.At!.Value - detected.End!.Value;
        var longest = authorityNotified.End!.Value - detected.At!.Value;
        if (longest <= Limit)
        {
            return NotificationTimeliness.WithinDeadline;
        }

        return shortest > Limit ? NotificationTimeliness.Late : NotificationTimeliness.Undetermined;
    }

    /// <summary>Whole days between the two dates, when both are known at least to the day.</summary>
    public static int? DaysBetween(IncidentDate detected, IncidentDate authorityNotified)
    {
        if (detected.Precision < DatePrecision.Day || authorityNotified.Precision < DatePrecision.Day)
        {
            return null;
        }

        var from = IncidentDate.InParis(detected.At!.Value).Date;
        var to = IncidentDate.InParis(authorityNotified.At!.Value).Date;
        return (to - from).Days;
    }
}
