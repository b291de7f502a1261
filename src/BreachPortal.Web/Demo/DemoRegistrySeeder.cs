using BreachPortal.Web.Data;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Synthetic;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Demo;

/// <summary>What the demo registry seed did for one incident.</summary>
public sealed record DemoRegistryResult(string Incident, ImportOutcome? Outcome);

/// <summary>
/// Puts synthetic people in the demo incidents through the real import, so a newcomer sees imports, rejects and
/// lookups on data that looks real and is not. An incident that already has people is left alone.
/// </summary>
public sealed class DemoRegistrySeeder(PortalDbContext db, IServiceScopeFactory scopes)
{
    public const double BadRowFraction = 0.02;

    /// <summary>Incident, number of rows, generator seed: different seeds give different people in each incident.</summary>
    private static readonly (string Incident, long People, long Seed)[] Plan =
    [
        (DemoIncidents.FranceTravail2024, 3000, SyntheticRegistryOptions.DefaultSeed),
        (DemoIncidents.PoleEmploi2023, 1500, 20230813),
    ];

    public async Task<IReadOnlyList<DemoRegistryResult>> SeedAsync(CancellationToken cancellationToken)
    {
        var results = new List<DemoRegistryResult>();
        foreach (var (reference, people, seed) in Plan)
        {
            var hasPeople = await db.Set<Exposure>().AnyAsync(e => db.Incidents.Any(i => i.Id == e.IncidentId && i.Reference == reference), cancellationToken);
            results.Add(new DemoRegistryResult(reference, hasPeople ? null : await ImportAsync(reference, people, seed, cancellationToken)));
        }

        return results;
    }

    private async Task<ImportOutcome> ImportAsync(string reference, long people, long seed, CancellationToken cancellationToken)
    {
        using var file = new MemoryStream();
        await SyntheticRegistry.WriteAsync(file, new SyntheticRegistryOptions { People = people, Seed = seed, BadRowFraction = BadRowFraction }, cancellationToken);
        file.Position = 0;
        await using var scope = scopes.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
        return await importer.ImportAsync(
            new ImportRequest(reference, file, $"demo-{reference.ToLowerInvariant()}.csv", ImportSource.CommandLine, AuditActor.CommandLine, file.Length),
            cancellationToken);
    }
}
