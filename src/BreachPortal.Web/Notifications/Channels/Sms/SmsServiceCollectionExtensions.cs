using BreachPortal.Web.Notifications.Receipts;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Notifications.Channels.Sms;

public static class SmsServiceCollectionExtensions
{
    /// <summary>The SMS sender (<see cref="ISmsSender"/>) and the delivery receipts it leads to.</summary>
    public static IServiceCollection AddSmsChannel(this IServiceCollection services)
    {
        // Every rule holds for an unset Transport: a process that sends no SMS needs no SMS settings.
        services.AddOptions<SmsOptions>()
            .BindConfiguration(SmsOptions.Section)
            .Validate(
                o => o.Transport != SmsTransport.Gateway || IsGatewayUrl(o.Gateway.BaseUrl),
                "Sms:Gateway:BaseUrl must be the gateway's absolute http(s) address when Sms:Transport is Gateway.")
            .Validate<IHostEnvironment>(
                (o, environment) => o.Transport != SmsTransport.Gateway || !IsGatewayUrl(o.Gateway.BaseUrl)
                    || environment.IsDevelopment() || IsSafeOutsideDevelopment(o.Gateway.BaseUrl),
                "Sms:Gateway:BaseUrl must use https outside Development: the bearer token travels with every message.")
            .Validate(
                o => o.Transport != SmsTransport.Gateway || !string.IsNullOrWhiteSpace(o.Gateway.Token),
                "Sms:Gateway:Token must be set when Sms:Transport is Gateway.")
            .Validate(
                o => o.Transport != SmsTransport.Gateway || o.Gateway.From.Trim().Length is > 0 and <= 20,
                "Sms:Gateway:From (the sender id, 20 characters at most) must be set when Sms:Transport is Gateway.")
            .Validate(
                o => o.Transport != SmsTransport.Gateway || !string.IsNullOrEmpty(o.Gateway.ReceiptSecret),
                "Sms:Gateway:ReceiptSecret must be set when Sms:Transport is Gateway: delivery receipts are refused without it.")
            .Validate(
                o => o.Gateway.ReceiptSecret.Length is 0 or >= SmsGatewayOptions.MinimumReceiptSecretLength,
                $"Sms:Gateway:ReceiptSecret must be at least {SmsGatewayOptions.MinimumReceiptSecretLength} characters long.")
            .Validate(
                o => o.Gateway.TimeoutSeconds is >= 1 and <= 300,
                "Sms:Gateway:TimeoutSeconds must be between 1 and 300.")
            .Validate(
                o => o.Gateway.MaxConnections is >= 1 and <= 10_000,
                "Sms:Gateway:MaxConnections must be between 1 and 10000.")
            .Validate<IHostEnvironment>(
                (o, environment) => o.Transport != SmsTransport.DevelopmentOutbox || environment.IsDevelopment(),
                "Sms:Transport DevelopmentOutbox keeps SMS in memory and is refused outside Development: configure Sms:Gateway.")
            .ValidateOnStart();

        services.AddHttpClient(GatewaySmsSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                GatewaySmsSender.CreateHandler(provider.GetRequiredService<IOptions<SmsOptions>>().Value.Gateway))
            .ConfigureHttpClient((provider, client) =>
                GatewaySmsSender.ConfigureClient(client, provider.GetRequiredService<IOptions<SmsOptions>>().Value.Gateway))
            // The handler's own PooledConnectionLifetime renews connections; rotating handlers would reopen the whole pool.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // Four log lines per SMS at thousands a second; failures reach the ledger instead.
            .RemoveAllLoggers();
        services.AddSingleton<DevelopmentSmsOutbox>();
        services.AddSingleton<GatewaySmsSender>();
        services.AddSingleton<ISmsSender, ConfiguredSmsSender>();
        services.AddSmsReceipts();
        return services;
    }

    private static bool IsGatewayUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsSafeOutsideDevelopment(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback);

    /// <summary>Picks the transport when an SMS is sent, so verbs and web nodes that never send SMS need no SMS settings.</summary>
    private sealed class ConfiguredSmsSender(IServiceProvider services, IOptions<SmsOptions> options) : ISmsSender
    {
        public Task<string> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            ISmsSender transport = options.Value.Transport switch
            {
                SmsTransport.Gateway => services.GetRequiredService<GatewaySmsSender>(),
                SmsTransport.DevelopmentOutbox => services.GetRequiredService<DevelopmentSmsOutbox>(),
                _ => throw new InvalidOperationException("SMS are not configured on this instance: set Sms:Transport (Gateway or DevelopmentOutbox)."),
            };
            return transport.SendAsync(message, cancellationToken);
        }
    }
}
