using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Campaigns.Commands;
using BreachPortal.Web.Notifications.Dispatch;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Notifications.Templates;
using Npgsql;

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

        // The dispatcher and the ledger speak SQL directly; their connections come from the portal's connection string.
        services.AddSingleton(provider => PortalDataSource(DataServiceCollectionExtensions.RequiredConnectionString(provider.GetRequiredService<IConfiguration>())));
        services.AddNotificationTemplates();
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignFinisher>();
        services.AddScoped<CampaignTestSender>();
        services.AddScoped<LedgerWriter>();
        services.AddSingleton<CampaignProgress>();
        services.AddSingleton<PriorityArrivals>();
        services.AddSingleton<PriorityMessages>();
        services.AddSingleton<DispatchStore>();
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<DispatcherService>();
        services.AddHostedService(provider => provider.GetRequiredService<DispatcherService>());

        services.AddPortalCommand<CampaignCreateCommand>();
        services.AddPortalCommand<CampaignApproveCommand>();
        services.AddPortalCommand<CampaignStartCommand>();
        services.AddPortalCommand<CampaignPauseCommand>();
        services.AddPortalCommand<CampaignCancelCommand>();
        services.AddPortalCommand<CampaignStatusCommand>();
        return services;
    }

    /// <summary>
    /// The statements on this source (ledger, dispatcher, checks, /verify) are few and repeated thousands of times a
    /// second: prepared once per connection, PostgreSQL stops parsing and planning each of them again.
    /// </summary>
    private static NpgsqlDataSource PortalDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
    }
}
