using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Web.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemo(this IServiceCollection services) =>
        services.AddScoped<DemoSeeder>().AddScoped<DemoRegistrySeeder>().AddScoped<DemoAuthoritySeeder>().AddPortalCommand<SeedDemoCommand>();
}
