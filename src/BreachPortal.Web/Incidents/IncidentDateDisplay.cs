using System.Globalization;

namespace BreachPortal.Web.Incidents;

public static class IncidentDateDisplay
{
    /// <summary>The date as precisely as it is known, in Paris time; null when unknown.</summary>
    public static string? ToDisplayString(this IncidentDate date, CultureInfo culture, string parisTimeLabel)
    {
        if (date.At is not { } at)
        {
            return null;
        }

        var local = IncidentDate.InParis(at);
        return date.Precision switch
        {
            DatePrecision.Year => local.ToString("yyyy", culture),
            DatePrecision.Month => local.ToString("MMMM yyyy", culture),
            DatePrecision.Day => local.ToString("d MMMM yyyy", culture),
            _ => $"{local.ToString("d MMMM yyyy, HH:mm", culture)} ({parisTimeLabel})",
        };
    }
}
