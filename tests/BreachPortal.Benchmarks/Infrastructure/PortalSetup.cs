using System.Security.Cryptography;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Benchmarks.Infrastructure;

/// <summary>A portal database of the run and the settings every portal process on it gets.</summary>
internal sealed record PortalDatabase(string Name, string ConnectionString, IReadOnlyDictionary<string, string?> Environment);

/// <summary>
/// What the benchmarks that run portal nodes share: a database prepared with the portal's own verbs (Release build),
/// as an operator would, and Production settings with fresh keys: nothing of this run is kept.
/// </summary>
internal static class PortalSetup
{
    public const string From = "notification@agence.example";

    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A new database, migrated, with the demo incidents (<c>migrate</c>, <c>seed-demo</c>).</summary>
    public static async Task<PortalDatabase> CreateDatabaseAsync(BenchmarkPostgres postgres, string prefix, CancellationToken cancellationToken)
    {
        var name = await postgres.CreateDatabaseAsync(prefix, cancellationToken);
        var connectionString = postgres.ConnectionString(name);
        var database = new PortalDatabase(name, connectionString, ProductionEnvironment(connectionString));
        await VerbAsync(database.Environment, VerbTimeout, cancellationToken, "migrate");
        await VerbAsync(database.Environment, VerbTimeout, cancellationToken, "seed-demo");
        return database;
    }

    /// <summary>The <c>import</c> verb; fails unless its summary line is <paramref name="expected"/>.</summary>
    public static async Task<ChildRun> ImportAsync(PortalDatabase database, string incident, string extract, long rows, string expected, CancellationToken cancellationToken)
    {
        var import = await VerbAsync(
            database.Environment, TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(rows / 5_000.0), cancellationToken, "import", "--incident", incident, "--file", extract);
        if (!string.Equals(import.LastLine, expected, StringComparison.Ordinal))
        {
            throw new BenchmarkFailedException($"the import says '{import.LastLine}' where '{expected}' was expected.");
        }

        return import;
    }

    /// <summary>Runs a verb to its end and prints its last line (not create-admin's: an enrolment link).</summary>
    public static async Task<ChildRun> VerbAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments)
    {
        var run = await ChildProcess.RunAsync(PortalProcess.StartInfo(environment, arguments), timeout, cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"{arguments[0]} failed ({run.Describe()}).");
        }

        if (arguments[0] != "create-admin")
        {
            Console.WriteLine($"  {arguments[0]}: {run.LastLine}");
        }

        return run;
    }

    /// <summary>What every portal process of a run gets: Production with its required settings and fresh keys.</summary>
    public static Dictionary<string, string?> ProductionEnvironment(string connectionString) => new(StringComparer.Ordinal)
    {
        ["ConnectionStrings__Portal"] = connectionString,
        ["Protection__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Protection__IndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Portal__PublicUrl"] = "https://portail.example.test",
        ["Portal__LegalNotice__Host"] = "Benchmark host, 1 rue de l'Essai, 75000 Paris",
        ["Email__From"] = From,
        ["Email__Smtp__Host"] = "127.0.0.1",
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };
}
