namespace BreachPortal.Web.Authority;

public static class AuthorityServiceCollectionExtensions
{
    /// <summary>The pages for the supervisory authority (CNIL): the incident record, its notifications, the Art. 33 report and the Art. 34 evidence.</summary>
    public static IServiceCollection AddAuthority(this IServiceCollection services)
    {
        services.AddScoped<AuthorityRecords>();
        services.AddScoped<Art33Reports>();
        services.AddScoped<AuthorityNotifications>();
        return services;
    }
}
