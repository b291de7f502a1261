using System.Globalization;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using Npgsql;

namespace BreachPortal.Tests.Hosting;

public sealed partial class DeploymentFilesTests(PostgresServer server)
{
    [Fact]
    public async Task DockerCompose_ConfigIsValidAndDeclaresDatabasePortalAndMailCatcher()
    {
        var result = await ProcessRunner.RunAsync(
            "docker-compose", ["-f", "docker-compose.yml", "config", "--services"], RepositoryRoot.Path);

        Assert.True(result.ExitCode == 0, $"docker-compose config failed: {result.Error}");
        var services = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["mailcatcher", "migrate", "portal", "postgres"], services.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DockerCompose_PortalWaitsForTheMigrationsAndNeverRunsInDevelopment()
    {
        var result = await ProcessRunner.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config"], RepositoryRoot.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("service_completed_successfully", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Development", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_PublishesThePortalAndRunsItAsANonRootUser()
    {
        var dockerfile = File.ReadAllText(RepositoryRoot.Combine("Dockerfile"));

        Assert.Contains("dotnet publish src/BreachPortal.Web/BreachPortal.Web.csproj", dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerCompose_RunsThePostgreSqlMajorVersionTheTestsRunOn()
    {
        var compose = await File.ReadAllTextAsync(RepositoryRoot.Combine("docker-compose.yml"), TestContext.Current.CancellationToken);
        var image = PostgresImage().Match(compose);
        await using var connection = new NpgsqlConnection(await server.CreateEmptyDatabaseConnectionStringAsync());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int / 10000", connection);
        var testedMajor = (int)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;

        Assert.True(image.Success, "docker-compose.yml names no postgres:<major> image");
        Assert.Equal(testedMajor.ToString(CultureInfo.InvariantCulture), image.Groups[1].Value);
    }

    [GeneratedRegex(@"image:\s*postgres:(\d+)")]
    private static partial Regex PostgresImage();
}
