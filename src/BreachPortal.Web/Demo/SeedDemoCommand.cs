using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Web.Demo;

internal sealed class SeedDemoCommand(DemoSeeder seeder) : IPortalCommand
{
    public string Name => "seed-demo";

    public string Summary => "Create or refresh the demo data (the FT-2024-03 and PE-2023-08 incidents).";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await seeder.SeedAsync(cancellationToken);
        await output.WriteLineAsync(
            $"seed-demo: incidents created={result.Created} updated={result.Updated} unchanged={result.Unchanged}");
        return PortalCommandLine.Success;
    }
}
