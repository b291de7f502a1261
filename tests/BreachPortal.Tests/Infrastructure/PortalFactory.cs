using BreachPortal.Web.Data;
using BreachPortal.Web.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// The real portal (Program) on a test database: in a chosen environment, with the tests' settings and any given on
/// top, services replaced, and the demo data when asked. Everything is set before the first request or service
/// starts the host.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly List<Action<IServiceCollection>> _replacements = [];

    public PortalFactory(string connectionString, string environment = "Development")
    {
        ConnectionString = connectionString;
        _environment = environment;
        // Staff and antiforgery cookies are Secure: the client must speak https to get them back.
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    public string ConnectionString { get; }

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
    public ILoggerProvider? ExtraLogger { get; set; }

    /// <summary>Client options for following a flow step by step; https, because staff cookies are Secure.</summary>
    public static WebApplicationFactoryClientOptions NoRedirects() =>
        new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    /// <summary>The portal as deployed: Production, with the settings Production insists on.</summary>
    public static PortalFactory Production(string connectionString)
    {
        var factory = new PortalFactory(connectionString, "Production");
        foreach (var (key, value) in ProductionSettings.Values)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    /// <summary>
    /// The portal on a new database of the run: <paramref name="configure"/> sets it up before it starts, then the
    /// demo incidents, templates and staff are seeded unless <paramref name="demoData"/> is false.
    /// </summary>
    public static async Task<PortalFactory> StartAsync(PostgresServer server, Action<PortalFactory>? configure = null, bool demoData = true)
    {
        ArgumentNullException.ThrowIfNull(server);
        var factory = new PortalFactory(await server.CreateDatabaseAsync());
        configure?.Invoke(factory);
        if (demoData)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        return factory;
    }

    /// <summary>Settings on top of the tests' own.</summary>
    public PortalFactory Set(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in settings)
        {
            Settings[key] = value;
        }

        return this;
    }

    /// <summary>The portal gets <paramref name="instance"/> wherever it asks for a <typeparamref name="TService"/> (a clock the test moves).</summary>
    public PortalFactory Replace<TService>(TService instance)
        where TService : class
    {
        _replacements.Add(services =>
        {
            services.RemoveAll<TService>();
            services.AddSingleton(instance);
        });
        return this;
    }

    public PortalDbContext CreateDbContext() => PostgresServer.CreateContext(ConnectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
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

        builder.ConfigureTestServices(services =>
        {
            foreach (var replace in _replacements)
            {
                replace(services);
            }
        });
    }
}
