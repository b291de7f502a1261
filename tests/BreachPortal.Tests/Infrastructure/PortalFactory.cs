using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>The real portal (Program) on a test database, in a chosen environment.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly string _environment;

    public PortalFactory(string connectionString, string environment = "Development")
    {
        _connectionString = connectionString;
        _environment = environment;
        // Staff and antiforgery cookies are Secure: the client must speak https to get them back.
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Protection:EncryptionKey"] = TestKeys.Encryption,
        ["Protection:IndexKey"] = TestKeys.Index,
        ["Registry:Retention:DailyPurge"] = "false",

        // Development turns the dispatcher on; tests that send switch it on themselves.
        ["Notifications:Dispatcher:Enabled"] = "false",
    };

    /// <summary>Gets every event the portal logs, at every level.</summary>
    public ILoggerProvider? ExtraLogger { get; init; }

    /// <summary>Client options for following a flow step by step; https, because staff cookies are Secure.</summary>
    public static WebApplicationFactoryClientOptions NoRedirects() =>
        new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:Portal", _connectionString);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ExtraLogger is { } logger)
        {
            // What never goes into a log is checked at every level, not only at the level a deployment would choose.
            builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            builder.ConfigureLogging(logging => logging.AddProvider(logger));
        }
    }
}
