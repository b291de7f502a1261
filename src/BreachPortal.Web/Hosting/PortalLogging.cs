using System.Globalization;
using Microsoft.AspNetCore.HttpLogging;
using Serilog;
using Serilog.Formatting.Json;

namespace BreachPortal.Web.Hosting;

public static class PortalLogging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog to the console: levels from the <c>Serilog</c> section, JSON when <c>Serilog:Format</c> is <c>json</c>.
    /// Requests are logged by ASP.NET Core's HTTP logging: method, path, status and duration only — never the
    /// query string, headers or bodies, which is where personal data would travel.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration()
            .ReadFrom.Configuration(SerilogSettings(builder.Configuration.GetSection("Serilog")))
            .Enrich.FromLogContext();
        var json = string.Equals(builder.Configuration["Serilog:Format"], "json", StringComparison.OrdinalIgnoreCase);
        configuration = json
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true, formatProvider: CultureInfo.InvariantCulture))
            : configuration.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        // Its "Request starting/finished" lines carry the full URL, query string included, for every provider.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);

        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.RequestProtocol | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.RequestHeaders.Clear();
            options.ResponseHeaders.Clear();
            options.CombineLogs = true;
        });
        return builder;
    }

    /// <summary>
    /// The command-line provider gives parent keys an empty value ("Serilog:MinimumLevel" = "" when
    /// --Serilog:MinimumLevel:Default=… is passed), which Serilog's reader would parse as a level.
    /// </summary>
    private static IConfigurationRoot SerilogSettings(IConfigurationSection serilog) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(serilog.AsEnumerable().Where(setting => !string.IsNullOrEmpty(setting.Value)))
            .Build();
}
