using BreachPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL for the whole test run: the server named by BREACHPORTAL_TEST_POSTGRES (a connection string
/// whose user may create databases), or else a throwaway cluster started from the machine's binaries with
/// tools/local-postgres. A template database is migrated once with the real migrations; every test class
/// gets its own copy of it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "BREACHPORTAL_TEST_POSTGRES";

    private readonly SemaphoreSlim _cloneLock = new(1, 1);
    private readonly List<string> _databases = [];
    private string? _clusterDirectory;
    private NpgsqlConnectionStringBuilder _server = new();
    private string _template = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        string connectionString;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            connectionString = configured;
        }
        else
        {
            _clusterDirectory = Directory.CreateTempSubdirectory("breachportal-pg-").FullName;
            connectionString = await LocalPostgresAsync("start", _clusterDirectory, "--ephemeral");
        }

        _server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        _template = await CreateEmptyDatabaseAsync("bp_template");
        await using var db = CreateContext(ConnectionStringFor(_template, pooling: false));
        await db.Database.MigrateAsync();
    }

    /// <summary>A new database holding the migrated schema and nothing else.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = NewName("bp_test");
        await _cloneLock.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {_template}");
        }
        finally
        {
            _cloneLock.Release();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return ConnectionStringFor(name, pooling: true);
    }

    /// <summary>A new database with no schema at all, for tests of the migrations themselves.</summary>
    public async Task<string> CreateEmptyDatabaseConnectionStringAsync() =>
        ConnectionStringFor(await CreateEmptyDatabaseAsync("bp_empty"), pooling: true);

    public static PortalDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(PortalDbContext.MigrationsHistoryTable))
            .Options);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDirectory is not null)
        {
            await LocalPostgresAsync("stop", _clusterDirectory);
            Directory.Delete(_clusterDirectory, recursive: true);
            return;
        }

        foreach (var name in _databases)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private async Task<string> CreateEmptyDatabaseAsync(string prefix)
    {
        var name = NewName(prefix);
        await ExecuteAsync($"CREATE DATABASE {name}");
        lock (_databases)
        {
            _databases.Add(name);
        }

        return name;
    }

    private static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private string ConnectionStringFor(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database, Pooling = pooling }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> LocalPostgresAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(
            "bash", [RepositoryRoot.Combine("tools", "local-postgres"), .. arguments], RepositoryRoot.Path);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"tools/local-postgres {string.Join(' ', arguments)} failed: {result.Error.Trim()} " +
                $"(or set {EnvironmentVariable} to a PostgreSQL connection string).");
        }

        return result.Output.Trim().Split('\n')[^1];
    }
}
