using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Web.Demo;

// The registry seeder is resolved when the verb runs: listing verbs constructs every command, before keys exist.
internal sealed class SeedDemoCommand(DemoSeeder seeder, IServiceProvider services) : IPortalCommand
{
    public string Name => "seed-demo";

    public string Summary => "Create or refresh the demo data (the FT-2024-03 and PE-2023-08 incidents; with --people, synthetic people in them and the CNIL record of FT-2024-03).";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments.Count > 0 && arguments is not ["--people"])
        {
            await output.WriteLineAsync("seed-demo: usage: seed-demo [--people]");
            return PortalCommandLine.UsageError;
        }

        var result = await seeder.SeedAsync(cancellationToken);
        await output.WriteLineAsync(
            $"seed-demo: incidents created={result.Created} updated={result.Updated} unchanged={result.Unchanged}");
        if (arguments.Count == 0)
        {
            return PortalCommandLine.Success;
        }

        foreach (var (incident, outcome) in await services.GetRequiredService<DemoRegistrySeeder>().SeedAsync(cancellationToken))
        {
            await output.WriteLineAsync(outcome is null
                ? $"seed-demo: {incident} already has people; left as it is."
                : $"seed-demo: {incident} people {outcome.SummaryLine}");
        }

        if (await services.GetRequiredService<DemoAuthoritySeeder>().SeedAsync(cancellationToken))
        {
            await output.WriteLineAsync($"seed-demo: {DemoIncidents.FranceTravail2024} CNIL record and initial notification recorded.");
        }

        return PortalCommandLine.Success;
    }
}
