using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>The real portal (Program) on a test database, in a chosen environment.</summary>
public sealed class PortalFactory(string connectionString, string environment = "Development") : WebApplicationFactory<Program>
{
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    public ILoggerProvider? ExtraLogger { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Portal", connectionString);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ExtraLogger is { } logger)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logger));
        }
    }
}
