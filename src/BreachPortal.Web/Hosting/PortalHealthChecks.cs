using BreachPortal.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace BreachPortal.Web.Hosting;

public static class PortalHealthChecks
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Live: the process answers. Ready: it can also reach its database.</summary>
    public static void MapPortalHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }
}
