using BreachPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.BrowserTests.Support;

/// <summary>The portal on a real loopback port, with the demo data, for a browser to visit.</summary>
public class LivePortal(PostgresServer server) : PortalApp(server)
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    protected override void Configure(PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.UseKestrel(port: 0);
        factory.StartServer();
    }
}
