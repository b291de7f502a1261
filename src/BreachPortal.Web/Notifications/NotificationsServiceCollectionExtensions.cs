using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Campaigns.Commands;
using BreachPortal.Web.Notifications.Dispatch;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Notifications.Templates;

namespace BreachPortal.Web.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Campaigns, the message ledger and the dispatcher (which runs only where Notifications:Dispatcher:Enabled is true).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<DispatcherOptions>()
            .BindConfiguration(DispatcherOptions.Section)
            .Validate(o => o.BatchSize > 0 && o.EmailConcurrency > 0 && o.SmsConcurrency > 0 && o.CommitBatchSize > 0, "Notifications:Dispatcher: BatchSize, EmailConcurrency, SmsConcurrency and CommitBatchSize must be positive.")
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(1) && o.MaxAttempts > 0 && o.GiveUpAfter > TimeSpan.Zero, "Notifications:Dispatcher: Lease must be at least 1 second, MaxAttempts and GiveUpAfter positive.")
            .ValidateOnStart();

        services.AddOptions<LedgerPeopleOptions>()
            .BindConfiguration(LedgerPeopleOptions.Section)
            .Validate(o => o.LiveLimit >= 0 && o.RecountEvery > TimeSpan.Zero, "Notifications:PeopleCounts: LiveLimit must not be negative and RecountEvery must be positive.")
            .Validate(o => o.CountPart > 0 && o.RecountShare is > 0 and <= 1, "Notifications:PeopleCounts: CountPart must be positive and RecountShare above 0 and at most 1.")
            .ValidateOnStart();

        services.AddNotificationTemplates();
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignFinisher>();
        services.AddScoped<CampaignTestSender>();
        services.AddScoped<LedgerWriter>();
        services.AddSingleton<CampaignProgress>();
        services.AddSingleton<LedgerPeople>();
        services.AddSingleton<PriorityArrivals>();
        services.AddSingleton<PriorityMessages>();
        services.AddSingleton<MessageLeases>();
        services.AddSingleton<DispatchStore>();
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<DispatcherService>();
        services.AddHostedService(provider => provider.GetRequiredService<DispatcherService>());
        services.AddHostedService<DispatcherMaintenance>();

        services.AddPortalCommand<CampaignCreateCommand>();
        services.AddPortalCommand<CampaignApproveCommand>();
        services.AddPortalCommand<CampaignStartCommand>();
        services.AddPortalCommand<CampaignPauseCommand>();
        services.AddPortalCommand<CampaignCancelCommand>();
        services.AddPortalCommand<CampaignStatusCommand>();
        return services;
    }
}
