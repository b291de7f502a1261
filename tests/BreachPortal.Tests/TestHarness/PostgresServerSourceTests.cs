using BreachPortal.Tests.Infrastructure;
using Docker.DotNet;
using Npgsql;

namespace BreachPortal.Tests.TestHarness;

/// <summary>The run's PostgreSQL is the one it asked for, and a container really is one.</summary>
public sealed class PostgresServerSourceTests(PostgresServer server)
{
    [Fact]
    public void TheServer_IsFromTheSourceTheRunAskedFor_OrFromTheMachineWhenItLeftTheChoice()
    {
        var expected = server.Source.Kind
                       ?? (server.WhyNotContainer is null ? PostgresSourceKind.Container : PostgresSourceKind.LocalBinaries);

        Assert.Equal(expected, server.Started.Kind);
    }

    [Fact]
    public async Task AContainerServer_RunsInARunningLabelledContainer_AndAnswersFromInsideIt()
    {
        if (server.Started is not ContainerPostgres container)
        {
            Assert.NotEqual(PostgresSourceKind.Container, server.Source.Kind);
            return;
        }

        using var docker = new DockerClientBuilder().WithEndpoint(server.Source.Engine!.Address).Build();
        var inspected = await docker.Containers.InspectContainerAsync(container.ContainerId, TestContext.Current.CancellationToken);
        Assert.True(inspected.State?.Running);
        Assert.Equal("BreachPortal.Tests", inspected.Config?.Labels[ContainerPostgres.Label]);

        // The server sees itself at the container's own address, not at the test host's loopback.
        await using var connection = new NpgsqlConnection(container.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT host(inet_server_addr())", connection);
        var address = (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        Assert.Contains(address, inspected.NetworkSettings?.Networks.Values.Select(n => n.IPAddress) ?? []);
    }
}
