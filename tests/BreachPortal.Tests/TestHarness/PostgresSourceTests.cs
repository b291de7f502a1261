using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.TestHarness;

public sealed class PostgresSourceTests
{
    private static PostgresSource Decide(Dictionary<string, string> variables, bool defaultSocketExists = false) =>
        PostgresSource.FromVariables(
            name => variables.GetValueOrDefault(name),
            path => defaultSocketExists && path == DockerEndpoint.DefaultSocket);

    [Fact]
    public void AConnectionString_WinsOverAnyAskedSource()
    {
        var source = Decide(new()
        {
            [PostgresSource.ConnectionVariable] = "Host=db.example;Username=u;Password=p",
            [PostgresSource.SourceVariable] = "container",
        });

        Assert.Equal(PostgresSourceKind.Configured, source.Kind);
        Assert.Equal("Host=db.example;Username=u;Password=p", source.ConnectionString);
    }

    [Theory]
    [InlineData("container", PostgresSourceKind.Container)]
    [InlineData("Container", PostgresSourceKind.Container)]
    [InlineData("local", PostgresSourceKind.LocalBinaries)]
    public void AnAskedSource_IsTaken(string asked, PostgresSourceKind expected)
    {
        var source = Decide(new() { [PostgresSource.SourceVariable] = asked, ["DOCKER_HOST"] = "unix:///run/engine.sock" });

        Assert.Equal(expected, source.Kind);
        Assert.False(source.IsAutomatic);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    [InlineData("  ")]
    public void NoAskedSource_LeavesTheChoiceToTheMachine(string? asked)
    {
        var variables = new Dictionary<string, string>();
        if (asked is not null)
        {
            variables[PostgresSource.SourceVariable] = asked;
        }

        Assert.True(Decide(variables).IsAutomatic);
    }

    [Fact]
    public void AnUnknownSource_IsRefusedNamingTheVariableAndTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => Decide(new() { [PostgresSource.SourceVariable] = "docker" }));

        Assert.Contains(PostgresSource.SourceVariable, error.Message);
        Assert.Contains("'docker'", error.Message);
    }

    [Fact]
    public void AContainer_WithNoEngineNamed_IsRefusedSayingWhatToSet()
    {
        var error = Assert.Throws<ArgumentException>(() => Decide(new() { [PostgresSource.SourceVariable] = "container" }));

        Assert.Contains("DOCKER_HOST", error.Message);
    }

    [Fact]
    public void TheEngine_IsDockerHost_ElseTheDefaultSocketWhereItExists()
    {
        Assert.Equal(new Uri("tcp://127.0.0.1:2375"), Decide(new() { ["DOCKER_HOST"] = "tcp://127.0.0.1:2375" }, true).Engine!.Address);
        Assert.Equal(new Uri("unix:///var/run/docker.sock"), Decide([], defaultSocketExists: true).Engine!.Address);
        Assert.Null(Decide([]).Engine);
    }

    [Fact]
    public void AnEngineAddressThatIsNotOne_IsRefusedNamingDockerHost()
    {
        var error = Assert.Throws<ArgumentException>(() => Decide(new() { ["DOCKER_HOST"] = "not an address" }));

        Assert.Contains("DOCKER_HOST", error.Message);
    }

    [Fact]
    public void TheImage_IsTheLocallyBuiltOne_UnlessNamed()
    {
        Assert.Equal("breachportal/postgres:15-bookworm", Decide([]).Image);
        Assert.Equal("postgres:15", Decide(new() { [PostgresSource.ImageVariable] = "postgres:15" }).Image);
    }
}
