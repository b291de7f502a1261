namespace BreachPortal.Web.Registry.Lookup;

public static class LookupServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryLookup(this IServiceCollection services) =>
        services.AddScoped<PersonLookup>();
}
