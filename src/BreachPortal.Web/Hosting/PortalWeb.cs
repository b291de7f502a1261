using System.Text.Encodings.Web;
using System.Text.Unicode;
using BreachPortal.Web.Checks;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Notifications.Receipts;
using BreachPortal.Web.Staff;
using Microsoft.Extensions.WebEncoders;

namespace BreachPortal.Web.Hosting;

public static class PortalWeb
{
    public static IServiceCollection AddPortalWeb(this IServiceCollection services)
    {
        services.AddOptions<PortalOptions>()
            .BindConfiguration(PortalOptions.Section)
            .Validate<IHostEnvironment>(
                (options, environment) => environment.IsDevelopment() || options.LegalNotice.IsComplete,
                "Portal:LegalNotice:Publisher, PublicationDirector, Host and Contact must be set outside Development: the legal notice is mandatory.")
            .Validate<IHostEnvironment>(
                (options, environment) => environment.IsDevelopment() || Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _),
                "Portal:PublicUrl must be set outside Development to the address people type to reach the portal (https://…): emails name it.")
            .ValidateOnStart();
        services.AddLocalization();
        // French text stays readable in the HTML (é, not &#xE9;); markup characters are still encoded.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return services;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UsePortalRequestLogging();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Before the error handlers, so that the pages they re-execute keep the visitor's language.
        app.UseMiddleware<CulturePathMiddleware>();
        app.UseExceptionHandler("/error/500");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<PathLengthGuardMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestRouteRecording();
        app.UseStaff();
        app.UseChecks();
        app.MapPortalHealthChecks();
        app.MapSmsReceipts();
        app.MapRazorPages();
        return app;
    }
}
