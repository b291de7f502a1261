using BreachPortal.Web.Data;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// Per test class: the portal on a database of its own (<see cref="PortalFactory.StartAsync"/>), with the demo data.
/// A fixture that needs the portal otherwise derives from it and says how in <see cref="Configure"/>.
/// </summary>
public class PortalApp(PostgresServer server) : IAsyncLifetime
{
    private PortalFactory? _factory;

    public PostgresServer Server => server;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("The portal has not started.");

    public string ConnectionString => Factory.ConnectionString;

    /// <summary>Whether the demo incidents, templates and staff are seeded once the portal is set up.</summary>
    protected virtual bool DemoData => true;

    public virtual async ValueTask InitializeAsync() => _factory = await PortalFactory.StartAsync(server, Configure, DemoData);

    public HttpClient CreateClient() => Factory.CreateClient(PortalFactory.NoRedirects());

    public PortalDbContext CreateDbContext() => Factory.CreateDbContext();

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Settings and services of this class's portal, before it starts.</summary>
    protected virtual void Configure(PortalFactory factory)
    {
    }
}
