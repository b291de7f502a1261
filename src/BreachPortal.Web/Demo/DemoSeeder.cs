using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Templates;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Demo;

public sealed record DemoSeedResult(int Created, int Updated, int Unchanged);

/// <summary>
/// Brings the demo incidents to their published content, and gives each the default notification templates it lacks;
/// running it again changes nothing. Without <c>templates</c> (not registered, or a seeder built by
/// hand) the templates are left out.
/// </summary>
public sealed class DemoSeeder(PortalDbContext db, TimeProvider time, TemplateService? templates = null)
{
    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var demo = DemoIncidents.Create();
        var references = demo.Select(i => i.Reference).ToList();
        var existing = await db.Incidents
            .Where(i => references.Contains(i.Reference))
            .ToDictionaryAsync(i => i.Reference, StringComparer.Ordinal, cancellationToken);

        int created = 0, updated = 0, unchanged = 0;
        foreach (var incident in demo)
        {
            if (!existing.TryGetValue(incident.Reference, out var stored))
            {
                incident.CreatedAt = now;
                incident.UpdatedAt = now;
                db.Incidents.Add(incident);
                created++;
                continue;
            }

            stored.PublishFactsFrom(incident);
            db.ChangeTracker.DetectChanges();
            if (db.Entry(stored).State == EntityState.Modified)
            {
                stored.UpdatedAt = now;
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (templates is not null)
        {
            foreach (var incident in demo)
            {
                await templates.SeedDefaultsAsync(existing.TryGetValue(incident.Reference, out var stored) ? stored.Id : incident.Id, cancellationToken);
            }
        }

        return new DemoSeedResult(created, updated, unchanged);
    }
}
