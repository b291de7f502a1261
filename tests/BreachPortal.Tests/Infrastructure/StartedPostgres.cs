using Npgsql;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>A PostgreSQL server the test run started or was given, and how to stop it.</summary>
public interface IStartedPostgres : IAsyncDisposable
{
    PostgresSourceKind Kind { get; }

    string ConnectionString { get; }

    /// <summary>Where it runs, for the run's report (no password).</summary>
    string Description { get; }
}

public sealed class ConfiguredPostgres(string connectionString) : IStartedPostgres
{
    public PostgresSourceKind Kind => PostgresSourceKind.Configured;

    public string ConnectionString => connectionString;

    public string Description
    {
        get
        {
            var server = new NpgsqlConnectionStringBuilder(connectionString);
            return $"the server named by {PostgresSource.ConnectionVariable} ({server.Host}:{server.Port})";
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// A throwaway cluster from this machine's binaries (tools/local-postgres --ephemeral: fsync, synchronous_commit and
/// full_page_writes off), with more server settings when a caller needs them (the benchmarks size its memory).
/// </summary>
public sealed class LocalBinariesPostgres : IStartedPostgres
{
    /// <summary>Where tools/local-postgres reads more server settings from (postgres -c name=value …).</summary>
    public const string ServerSettingsVariable = "BREACHPORTAL_PG_OPTIONS";

    private readonly string? _serverSettings;

    private LocalBinariesPostgres(string folder, string? serverSettings)
    {
        Folder = folder;
        _serverSettings = serverSettings;
    }

    public PostgresSourceKind Kind => PostgresSourceKind.LocalBinaries;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The cluster's folder: its data, the password of its superuser, its log.</summary>
    public string Folder { get; }

    public string Description =>
        $"this machine's PostgreSQL binaries (tools/local-postgres, port {new NpgsqlConnectionStringBuilder(ConnectionString).Port})";

    /// <param name="serverSettings">More <c>-c name=value</c> settings for the server, or null for the tests' own.</param>
    public static async Task<LocalBinariesPostgres> StartAsync(string? serverSettings = null)
    {
        var postgres = new LocalBinariesPostgres(Directory.CreateTempSubdirectory("breachportal-pg-").FullName, serverSettings);
        try
        {
            postgres.ConnectionString = await postgres.RunAsync("start", postgres.Folder, "--ephemeral");
            return postgres;
        }
        catch
        {
            // A start that failed half-way may still have left a server running in the folder.
            await postgres.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop", Folder);
        Directory.Delete(Folder, recursive: true);
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = ProcessRunner.StartInfo("bash", [RepositoryRoot.Combine("tools", "local-postgres"), .. arguments], RepositoryRoot.Path);
        if (_serverSettings is not null)
        {
            start.Environment[ServerSettingsVariable] = _serverSettings;
        }

        var result = await ProcessRunner.RunAsync(start);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"tools/local-postgres {string.Join(' ', arguments)} failed: {result.Error.Trim()} " +
                $"(or set {PostgresSource.ConnectionVariable} to a PostgreSQL connection string).");
        }

        return result.Output.Trim().Split('\n')[^1];
    }
}
