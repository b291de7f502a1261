using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Web.Registry.Synthetic;

public static class SyntheticRegistryServiceCollectionExtensions
{
    public static IServiceCollection AddSyntheticRegistry(this IServiceCollection services) =>
        services.AddPortalCommand<GenerateDemoCommand>();
}
