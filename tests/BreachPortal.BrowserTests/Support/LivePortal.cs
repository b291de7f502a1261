using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.BrowserTests.Support;

/// <summary>The portal on a real loopback port, with the demo data, for a browser to visit.</summary>
public class LivePortal(PostgresServer server) : IAsyncLifetime
{
    private PortalFactory? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("The portal is not started.");

    public async ValueTask InitializeAsync()
    {
        _factory = new PortalFactory(await server.CreateDatabaseAsync());
        Configure(_factory);
        _factory.UseKestrel(port: 0);
        _factory.StartServer();
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Settings of this portal before it starts.</summary>
    protected virtual void Configure(PortalFactory factory)
    {
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
