namespace BreachPortal.Tests.Infrastructure;

/// <summary>The built portal run as operators run it: <c>dotnet BreachPortal.Web.dll verb…</c> from its project folder.</summary>
public static class PortalProcess
{
    public static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = testOutput.Parent!.Name;
        var project = RepositoryRoot.Combine("src", "BreachPortal.Web");
        var dll = Path.Combine(project, "bin", configuration, testOutput.Name, "BreachPortal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the solution first: the portal binary is missing.", dll);
        }

        var variables = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return ProcessRunner.RunAsync("dotnet", [dll, .. arguments], project, variables);
    }
}
