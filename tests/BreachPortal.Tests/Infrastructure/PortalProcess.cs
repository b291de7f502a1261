using System.Diagnostics;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>The built portal run as operators run it: <c>dotnet BreachPortal.Web.dll verb…</c> from its project folder.</summary>
public static class PortalProcess
{
    /// <summary>Production unless the environment says otherwise, logging warnings and errors only.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var project = RepositoryRoot.Combine("src", "BreachPortal.Web");
        var dll = Path.Combine(project, "bin", testOutput.Parent!.Name, testOutput.Name, "BreachPortal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the solution first: the portal binary is missing.", dll);
        }

        var start = ProcessRunner.StartInfo("dotnet", [dll, .. arguments], project);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        ProcessRunner.RunAsync(StartInfo(environment, arguments));
}
