namespace BreachPortal.Web.Notifications.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="TemplateService"/>; rendering (<see cref="CompiledTemplate"/>) needs no service.</summary>
    public static IServiceCollection AddNotificationTemplates(this IServiceCollection services) =>
        services.AddScoped<TemplateService>();
}
