using BreachPortal.Web.Data;
using BreachPortal.Web.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>Per test class: a database of its own with the demo data, and the portal running on it.</summary>
public sealed class PortalApp(PostgresServer server) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public PostgresServer Server => server;

    public PortalFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateDatabaseAsync();
        Factory = new PortalFactory(ConnectionString);
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    public HttpClient CreateClient() => Factory.CreateClient(PortalFactory.NoRedirects());

    public PortalDbContext CreateDbContext() => PostgresServer.CreateContext(ConnectionString);

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
