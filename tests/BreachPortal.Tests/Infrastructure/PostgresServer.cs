using BreachPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL for the whole test run, from where <see cref="PostgresSource"/> says: the server named by
/// BREACHPORTAL_TEST_POSTGRES, a container started with Testcontainers.PostgreSql, or a throwaway cluster from the
/// machine's binaries. The run says which (standard error, and BREACHPORTAL_TEST_REPORT_DIR when set). A template
/// database is migrated once with the real migrations; every test class gets its own copy of it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = PostgresSource.ConnectionVariable;
    public const string ReportDirectoryVariable = "BREACHPORTAL_TEST_REPORT_DIR";

    private readonly SemaphoreSlim _cloneLock = new(1, 1);
    private readonly List<string> _databases = [];
    private IStartedPostgres? _started;
    private NpgsqlConnectionStringBuilder _server = new();
    private string _template = "";

    /// <summary>The server this run uses.</summary>
    public IStartedPostgres Started => _started ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    /// <summary>What the run asked for, and why it got what it got when it left the choice open.</summary>
    public PostgresSource Source { get; } = PostgresSource.FromEnvironment();

    public string? WhyNotContainer { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _started = await StartAsync();
        Report();
        _server = new NpgsqlConnectionStringBuilder(_started.ConnectionString) { Database = "postgres", Pooling = false };
        _template = await CreateEmptyDatabaseAsync("bp_template");
        await using var db = CreateContext(ConnectionStringFor(_template, pooling: false));
        await db.Database.MigrateAsync();
    }

    private async Task<IStartedPostgres> StartAsync()
    {
        var assembly = typeof(PostgresServer).Assembly.GetName().Name ?? "tests";
        switch (Source.Kind)
        {
            case PostgresSourceKind.Configured:
                return new ConfiguredPostgres(Source.ConnectionString!);
            case PostgresSourceKind.Container:
                return await ContainerPostgres.StartAsync(Source.Engine!, Source.Image, assembly);
            case PostgresSourceKind.LocalBinaries:
                return await LocalBinariesPostgres.StartAsync();
        }

        WhyNotContainer = await ContainerPostgres.WhyUnavailableAsync(Source.Engine, Source.Image);
        return WhyNotContainer is null
            ? await ContainerPostgres.StartAsync(Source.Engine!, Source.Image, assembly)
            : await LocalBinariesPostgres.StartAsync();
    }

    private void Report()
    {
        var assembly = typeof(PostgresServer).Assembly.GetName().Name;
        var line = $"{assembly}: PostgreSQL from {Started.Description}" +
                   (WhyNotContainer is null ? "" : $"; not a container because {WhyNotContainer}");
        Console.Error.WriteLine(line);
        var directory = Environment.GetEnvironmentVariable(ReportDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(directory))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"postgres-{assembly}.txt"), line + Environment.NewLine);
        }
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
        if (_started is null)
        {
            return;
        }

        if (_started.Kind == PostgresSourceKind.Configured)
        {
            foreach (var name in _databases)
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
        }

        await _started.DisposeAsync();
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

    // Every test database has its own pool; with Npgsql's default five minutes of idle life, the pools of tests that
    // have finished add up past max_connections on a long run, so idle connections here close within seconds.
    private string ConnectionStringFor(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString)
        {
            Database = database,
            Pooling = pooling,
            ConnectionIdleLifetime = 6,
            ConnectionPruningInterval = 2,
        }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
