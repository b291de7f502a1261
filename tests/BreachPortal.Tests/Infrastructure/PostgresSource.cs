namespace BreachPortal.Tests.Infrastructure;

public enum PostgresSourceKind
{
    /// <summary>The server named by BREACHPORTAL_TEST_POSTGRES.</summary>
    Configured,

    /// <summary>A container started with Testcontainers.PostgreSql on a reachable Docker engine.</summary>
    Container,

    /// <summary>A throwaway cluster from this machine's PostgreSQL binaries (tools/local-postgres).</summary>
    LocalBinaries,
}

/// <summary>
/// Where the tests' PostgreSQL comes from, read from the environment in this one place:
/// BREACHPORTAL_TEST_POSTGRES (a connection string) wins; otherwise BREACHPORTAL_TEST_POSTGRES_SOURCE asks for
/// <c>container</c> or <c>local</c>, and when it is unset or <c>auto</c>, a container where a Docker engine holding
/// the image is reachable and the local binaries where not.
/// </summary>
public sealed record PostgresSource(PostgresSourceKind? Kind, string? ConnectionString, string Image, DockerEndpoint? Engine)
{
    public const string ConnectionVariable = "BREACHPORTAL_TEST_POSTGRES";
    public const string SourceVariable = "BREACHPORTAL_TEST_POSTGRES_SOURCE";
    public const string ImageVariable = "BREACHPORTAL_TEST_POSTGRES_IMAGE";

    /// <summary>Built from Debian's packages by tools/postgres-image/build: no image registry is reachable here.</summary>
    public const string DefaultImage = "breachportal/postgres:15-bookworm";

    /// <summary>True when the run left the choice to what the machine has (no explicit source).</summary>
    public bool IsAutomatic => Kind is null;

    public static PostgresSource FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable, File.Exists);

    public static PostgresSource FromVariables(Func<string, string?> variable, Func<string, bool> fileExists)
    {
        var image = NonEmpty(variable(ImageVariable)) ?? DefaultImage;
        var engine = DockerEndpoint.Find(variable, fileExists);
        if (NonEmpty(variable(ConnectionVariable)) is { } connectionString)
        {
            return new PostgresSource(PostgresSourceKind.Configured, connectionString, image, engine);
        }

        var requested = NonEmpty(variable(SourceVariable))?.ToLowerInvariant();
        PostgresSourceKind? kind = requested switch
        {
            null or "auto" => null,
            "container" => PostgresSourceKind.Container,
            "local" => PostgresSourceKind.LocalBinaries,
            _ => throw new ArgumentException(
                $"{SourceVariable} is '{requested}'; it takes 'container', 'local' or 'auto' (or leave it unset)."),
        };
        if (kind == PostgresSourceKind.Container && engine is null)
        {
            throw new ArgumentException(
                $"{SourceVariable}=container, but no Docker engine is named: set DOCKER_HOST, or start one at /var/run/docker.sock.");
        }

        return new PostgresSource(kind, null, image, engine);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The Docker engine Testcontainers would use: DOCKER_HOST, or else the default socket when it exists.</summary>
public sealed record DockerEndpoint(Uri Address)
{
    public const string DefaultSocket = "/var/run/docker.sock";

    public static DockerEndpoint? Find(Func<string, string?> variable, Func<string, bool> fileExists)
    {
        var host = variable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(host))
        {
            return Uri.TryCreate(host.Trim(), UriKind.Absolute, out var address)
                ? new DockerEndpoint(address)
                : throw new ArgumentException($"DOCKER_HOST is '{host}', which is not an address such as unix:///var/run/docker.sock.");
        }

        return fileExists(DefaultSocket) ? new DockerEndpoint(new Uri("unix://" + DefaultSocket)) : null;
    }

    public override string ToString() => Address.ToString();
}
