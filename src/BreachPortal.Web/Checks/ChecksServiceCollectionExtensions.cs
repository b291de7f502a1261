using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Checks.Codes;
using BreachPortal.Web.Checks.Results;
using BreachPortal.Web.Checks.Sessions;
using BreachPortal.Web.Checks.Verify;
using BreachPortal.Web.Checks.Reports;

namespace BreachPortal.Web.Checks;

public static class ChecksServiceCollectionExtensions
{
    /// <summary>The citizen check (<c>/check</c>), message verification (<c>/verify</c>), reports of fakes and their limits.</summary>
    public static IServiceCollection AddChecks(this IServiceCollection services)
    {
        services.AddOptions<CheckOptions>()
            .BindConfiguration(CheckOptions.Section)
            .ValidateDataAnnotations()
            .Validate(
                o => AbuseCounters.All.Where(l => l != AbuseCounters.QueueFull)
                    .Select(l => CitizenRateLimiting.WindowOf(o.RateLimits, l))
                    .All(w => w.PermitLimit > 0 && w.Window >= TimeSpan.FromSeconds(1)),
                "Checks:RateLimits: every limit (Check, Contact, Code, Verify, Report) needs a PermitLimit of at least 1 and a Window of at least 1 second.")
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<AbuseCounters>();
        services.AddSingleton<AbuseCounterFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<AbuseCounterFlusher>());
        services.AddSingleton<CheckRequests>();
        services.AddSingleton<CheckRequestWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<CheckRequestWorker>());
        services.AddSingleton<OneTimeCodes>();
        services.AddScoped<CheckSessions>();
        services.AddScoped<CitizenRecords>();
        services.AddScoped<MessageVerification>();
        services.AddScoped<FakeMessageReports>();
        services.AddScoped<AbuseSummary>();
        services.AddCitizenRateLimiting();
        return services;
    }

    /// <summary>After routing, so the limiter sees which page a request is for.</summary>
    public static WebApplication UseChecks(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
