using Docker.DotNet;
using DotNet.Testcontainers.Configurations;
using Microsoft.Extensions.Logging.Abstractions;
using Testcontainers.PostgreSql;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>PostgreSQL in a container, started with Testcontainers.PostgreSql.</summary>
public sealed class ContainerPostgres : IStartedPostgres
{
    /// <summary>Containers carry this label, so a run killed before it removed its own can be cleaned up after.</summary>
    public const string Label = "breachportal.tests";

    private readonly PostgreSqlContainer _container;
    private readonly DockerEndpoint _engine;

    private ContainerPostgres(PostgreSqlContainer container, DockerEndpoint engine)
    {
        _container = container;
        _engine = engine;
    }

    public PostgresSourceKind Kind => PostgresSourceKind.Container;

    public string ConnectionString => _container.GetConnectionString();

    public string ContainerId => _container.Id;

    public string Description =>
        $"a container (Testcontainers.PostgreSql, image {_container.Image.FullName}, container {_container.Id[..12]}, engine {_engine})";

    /// <summary>Why a container cannot be started here, or null when it can: the engine answers and holds the image.</summary>
    public static async Task<string?> WhyUnavailableAsync(DockerEndpoint? engine, string image)
    {
        if (engine is null)
        {
            return "no Docker engine is reachable (DOCKER_HOST is unset and there is no " + DockerEndpoint.DefaultSocket + ")";
        }

        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(engine.Address).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.Images.InspectImageAsync(image, timeout.Token);
            return null;
        }
        catch (DockerImageNotFoundException)
        {
            return $"the Docker engine at {engine} has no image {image} (tools/postgres-image/build makes it; tools/test does)";
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException
                                      or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            return $"the Docker engine at {engine} does not answer: {e.Message}";
        }
    }

    public static async Task<ContainerPostgres> StartAsync(DockerEndpoint engine, string image, string assemblyName)
    {
        // Ryuk, Testcontainers' reaper, is an image from a registry this machine cannot reach; the container is
        // removed when the run disposes of it, and tools/test removes any left by a killed run.
        TestcontainersSettings.ResourceReaperEnabled = false;
        var container = new PostgreSqlBuilder(image)
            .WithUsername("portal")
            .WithPassword(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)))
            .WithDatabase("postgres")
            // The same server settings as tools/local-postgres gives the local clusters.
            .WithCommand("-c", "max_connections=200")
            .WithLabel(Label, assemblyName)
            .WithLogger(NullLogger.Instance)
            .Build();
        try
        {
            await container.StartAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var logs = await LastLogLinesAsync(container);
            await container.DisposeAsync();
            throw new InvalidOperationException(
                $"The PostgreSQL container ({image} on {engine}) did not start: {e.Message}{logs}", e);
        }

        return new ContainerPostgres(container, engine);
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    private static async Task<string> LastLogLinesAsync(PostgreSqlContainer container)
    {
        try
        {
            var (stdout, stderr) = await container.GetLogsAsync();
            var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 0 ? "" : " Its last lines: " + string.Join(" | ", lines.TakeLast(5));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return "";
        }
    }
}
