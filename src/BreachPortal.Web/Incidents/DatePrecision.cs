namespace BreachPortal.Web.Incidents;

/// <summary>How precisely a date of the incident is known; published facts are often "August 2023".</summary>
public enum DatePrecision
{
    Unknown = 0,
    Year = 1,
    Month = 2,
    Day = 3,
    /// <summary>A known instant: the period is that instant alone.</summary>
    Exact = 4,
}
