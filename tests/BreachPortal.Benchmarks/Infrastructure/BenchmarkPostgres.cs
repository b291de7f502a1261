using System.Diagnostics;
using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using Npgsql;

namespace BreachPortal.Benchmarks.Infrastructure;

/// <summary>
/// The PostgreSQL a benchmark runs against, found as the tests find theirs: the server named by
/// BREACHPORTAL_TEST_POSTGRES (a connection string whose user may create databases), or else the tests' throwaway
/// cluster from the machine's binaries (<see cref="LocalBinariesPostgres"/>: nothing here is worth keeping) with
/// <see cref="ServerSettings"/> on top. Databases are made per run.
/// </summary>
public sealed class BenchmarkPostgres : IAsyncDisposable
{
    /// <summary>
    /// Sized as a database server for the registry would be (the README's production settings), not as PostgreSQL's
    /// defaults for a small machine: a 128 MB buffer cache and 1 GB of WAL between checkpoints make a million-row
    /// import write every page several times. Both the portal and the psql reference run under these settings.
    /// </summary>
    public const string ServerSettings = "-c shared_buffers=2GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c temp_buffers=256MB";

    private readonly IStartedPostgres _started;
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly List<string> _databases = [];

    private BenchmarkPostgres(IStartedPostgres started)
    {
        _started = started;
        _server = new NpgsqlConnectionStringBuilder(started.ConnectionString) { Database = "postgres", Pooling = false };
    }

    public string Description => _started is LocalBinariesPostgres cluster
        ? $"a throwaway cluster in {cluster.Folder} on port {_server.Port} (tools/local-postgres --ephemeral, as the tests)"
        : $"the server of {PostgresSource.ConnectionVariable} ({_server.Host}:{_server.Port})";

    public static async Task<BenchmarkPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(PostgresSource.ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new BenchmarkPostgres(new ConfiguredPostgres(configured));
        }

        LocalBinariesPostgres cluster;
        try
        {
            // Not cancelled half-way: a start cut short could leave a server that nothing knows to stop.
            cluster = await LocalBinariesPostgres.StartAsync(ServerSettings);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new BenchmarkFailedException(e.Message);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            await cluster.DisposeAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new BenchmarkPostgres(cluster);
    }

    /// <summary>A new, empty database; dropped with the cluster, or by <see cref="DisposeAsync"/> on a configured server.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        await ExecuteAsync("postgres", $"CREATE DATABASE {name}", cancellationToken);
        _databases.Add(name);
        return name;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>For <c>--keep</c>: where the server is, without its password.</summary>
    public string Whereabouts(string database) =>
        $"Host={_server.Host};Port={_server.Port};Database={database};Username={_server.Username}" +
        (_started is LocalBinariesPostgres cluster ? $" (password in {Path.Combine(cluster.Folder, "password")}; stop it with: tools/local-postgres stop {cluster.Folder})" : "");

    public async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes every dirty page out, so that a timed step does not pay for the previous one's writes. Needs a
    /// superuser (or pg_checkpoint) on a configured server; without that right the step is skipped.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("postgres", "CHECKPOINT", cancellationToken);
        }
        catch (PostgresException denied) when (denied.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // A configured server's user may not checkpoint: the timings are then a little noisier, not wrong.
        }
    }

    /// <summary>The PostgreSQL server's main process when it runs on this machine (the parent of our backend), else null.</summary>
    public static async Task<int?> ServerProcessAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return CpuUsage.NameOf(backend) == "postgres" && CpuUsage.ParentOf(backend) is { } parent && CpuUsage.NameOf(parent) == "postgres" ? parent : null;
    }

    /// <summary>
    /// psql from the machine's PostgreSQL binaries, connected to <paramref name="database"/>. It runs as this user even
    /// as root: only the server refuses root, and a client running as another user could not read our private temp folder.
    /// </summary>
    public ProcessStartInfo Psql(string database, string command)
    {
        var start = ProcessRunner.StartInfo(
            PsqlPath(),
            ["-X", "-v", "ON_ERROR_STOP=1", "-h", _server.Host!, "-p", _server.Port.ToString(CultureInfo.InvariantCulture),
                "-U", _server.Username!, "-d", database, "-c", command],
            RepositoryRoot.Path);
        start.Environment["PGPASSWORD"] = _server.Password;
        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started.Kind == PostgresSourceKind.Configured)
        {
            foreach (var name in _databases)
            {
                await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);
            }
        }

        await _started.DisposeAsync();
    }

    private static string PsqlPath()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin", "psql"))
                .Where(File.Exists)
                .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return installed ?? "psql";
    }
}
