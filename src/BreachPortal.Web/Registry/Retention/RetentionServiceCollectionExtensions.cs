namespace BreachPortal.Web.Registry.Retention;

public static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryRetention(this IServiceCollection services) => services;
}
