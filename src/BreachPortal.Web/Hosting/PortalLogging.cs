using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace BreachPortal.Web.Hosting;

public static class PortalLogging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
    private const string RequestTemplate = "HTTP {RequestMethod:l} {RouteTemplate:l} responded {StatusCode} in {Elapsed:0.0} ms";

    /// <summary>What a request without an endpoint (a static file, an unknown address) is logged as: never its path.</summary>
    public const string NoRoute = "(no route)";

    private static readonly object RouteItem = new();

    /// <summary>
    /// Serilog to the console: levels from the <c>Serilog</c> section, JSON when <c>Serilog:Format</c> is <c>json</c>.
    /// Other logging providers added later (tests add theirs) get the same events.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        var settings = SerilogSettings(builder.Configuration.GetSection("Serilog"));
        var json = string.Equals(builder.Configuration["Serilog:Format"], "json", StringComparison.OrdinalIgnoreCase);
        builder.Logging.ClearProviders();

        // The static Log.Logger is left alone: several portals run in one test process, each with its own logger.
        builder.Services.AddSerilog(
            (services, configuration) =>
            {
                configuration
                    // Their "Request starting/finished" lines carry the full URL, query string included; the request
                    // log below replaces them.
                    .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogEventLevel.Warning)
                    .ReadFrom.Configuration(settings)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext();
                if (json)
                {
                    configuration.WriteTo.Console(new JsonFormatter(renderMessage: true, formatProvider: CultureInfo.InvariantCulture));
                }
                else
                {
                    configuration.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
                }
            },
            preserveStaticLogger: true,
            writeToProviders: true);
        return builder;
    }

    /// <summary>
    /// One line per request: method, route template, status and duration — never the path, query string, headers or
    /// body, which is where personal data would travel (an address typed into a URL, a form field).
    /// </summary>
    public static WebApplication UsePortalRequestLogging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.MessageTemplate = RequestTemplate;
            options.IncludeQueryInRequestPath = false;
            options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RouteTemplate", new ScalarValue(RouteTemplate(context))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        return app;
    }

    /// <summary>
    /// Remembers the route the request was first matched to, before an error page re-executes it under its own: the
    /// request log names the page that was asked for. Goes right after routing.
    /// </summary>
    public static WebApplication UseRequestRouteRecording(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            // Only the first pass counts: an error page re-executed for the same request has its own route.
            if (!context.Items.ContainsKey(RouteItem))
            {
                context.Items[RouteItem] = context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template } ? "/" + template.TrimStart('/') : NoRoute;
            }

            return next(context);
        });
        return app;
    }

    private static string RouteTemplate(HttpContext context) => context.Items.TryGetValue(RouteItem, out var route) && route is string template ? template : NoRoute;

    /// <summary>
    /// The command-line provider gives parent keys an empty value ("Serilog:MinimumLevel" = "" when
    /// --Serilog:MinimumLevel:Default=… is passed), which Serilog's reader would parse as a level.
    /// </summary>
    private static IConfigurationRoot SerilogSettings(IConfigurationSection serilog) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(serilog.AsEnumerable().Where(setting => !string.IsNullOrEmpty(setting.Value)))
            .Build();
}
