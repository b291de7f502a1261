namespace BreachPortal.Web.Incidents;

/// <summary>
/// A date of the incident's timeline, stored as the first instant of the period it names
/// ("29 Feb 2024" is that day from midnight, Paris time) together with its precision.
/// </summary>
public sealed record IncidentDate
{
    public static readonly TimeZoneInfo ParisTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static IncidentDate Unknown { get; } = new(null, DatePrecision.Unknown);

    public IncidentDate(DateTimeOffset? at, DatePrecision precision)
    {
        if ((at is null) != (precision == DatePrecision.Unknown))
        {
            throw new ArgumentException("A date is unknown exactly when it has no value.", nameof(precision));
        }

        At = at?.ToUniversalTime();
        Precision = precision;
    }

    /// <summary>Start of the period, in UTC.</summary>
    public DateTimeOffset? At { get; }

    public DatePrecision Precision { get; }

    public bool IsKnown => At is not null;

    public static IncidentDate Year(int year) => FromParis(new DateTime(year, 1, 1), DatePrecision.Year);

    public static IncidentDate Month(int year, int month) => FromParis(new DateTime(year, month, 1), DatePrecision.Month);

    public static IncidentDate Day(int year, int month, int day) => FromParis(new DateTime(year, month, day), DatePrecision.Day);

    public static IncidentDate Exact(DateTimeOffset instant) => new(instant, DatePrecision.Exact);

    /// <summary>The instant just after the period this date names (the instant itself when exact).</summary>
    public DateTimeOffset? End
    {
        get
        {
            if (At is not { } start)
            {
                return null;
            }

            var local = InParis(start).DateTime;
            return Precision switch
            {
                DatePrecision.Year => FromParisLocal(local.AddYears(1)),
                DatePrecision.Month => FromParisLocal(local.AddMonths(1)),
                DatePrecision.Day => FromParisLocal(local.AddDays(1)),
                _ => start,
            };
        }
    }

    public static DateTimeOffset InParis(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, ParisTime);

    private static IncidentDate FromParis(DateTime local, DatePrecision precision) => new(FromParisLocal(local), precision);

    private static DateTimeOffset FromParisLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, ParisTime), TimeSpan.Zero);
    }
}
