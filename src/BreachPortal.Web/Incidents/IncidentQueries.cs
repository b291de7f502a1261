using BreachPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    /// <summary>The same lookup for the paths that speak plain SQL.</summary>
    /// <returns>The incident's id and stored reference, or null when no incident has that reference.</returns>
    public static async Task<(int Id, string Reference)?> FindByReferenceAsync(NpgsqlConnection connection, string reference, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(connection, "SELECT id, reference FROM incidents WHERE reference = $1", Incident.NormalizeReference(reference));
        var found = await command.ListAsync(r => (r.GetInt32(0), r.GetString(1)), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }
}
