using System.Net;
using System.Net.Sockets;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>A connection string to a loopback port where nothing listens, so connecting fails at once.</summary>
public static class UnreachableDatabase
{
    public static string ConnectionString { get; } =
        $"Host=127.0.0.1;Port={ClosedPort()};Database=none;Username=none;Password=none;Timeout=2";

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
