using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Hosting;

public sealed class DeploymentFilesTests
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
}
