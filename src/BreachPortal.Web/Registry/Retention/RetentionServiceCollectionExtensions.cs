using BreachPortal.Web.Hosting.CommandLine;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Registry.Retention;

public static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddScoped<RegistryRetention>();
        services.AddPortalCommand<PurgeCommand>();
        // Settings are not readable while services are registered: the job itself stands down when DailyPurge is false.
        services.AddHostedService<RetentionPurgeService>();
        return services;
    }
}
