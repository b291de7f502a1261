using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.Lookup;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Registry.Retention;
using BreachPortal.Web.Registry.Synthetic;

namespace BreachPortal.Web.Registry;

public static class RegistryServiceCollectionExtensions
{
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddRegistryProtection();
        services.AddSingleton<PersonPayload>();
        services.AddSingleton<ImportTexts>();
        services.AddOptions<RegistryImportOptions>().BindConfiguration(RegistryImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RegistryImporter>();
        services.AddScoped<RejectReport>();
        services.AddSingleton<UploadTickets>();
        services.AddPortalCommand<ImportCommand>();
        services.AddRegistryLookup();
        services.AddRegistryRetention();
        services.AddSyntheticRegistry();
        return services;
    }
}
