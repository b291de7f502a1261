using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Incidents;

/// <summary>Finding an incident by the reference a person typed or a link carried (any case, spaces around).</summary>
public static class IncidentQueries
{
    public static IQueryable<Incident> WithReference(this IQueryable<Incident> incidents, string reference)
    {
        var normalized = Incident.NormalizeReference(reference);
        return incidents.Where(i => i.Reference == normalized);
    }

    /// <returns>The incident, or null when no incident has that reference.</returns>
    public static Task<Incident?> FindByReferenceAsync(this IQueryable<Incident> incidents, string reference, CancellationToken cancellationToken) =>
        incidents.WithReference(reference).SingleOrDefaultAsync(cancellationToken);
}
