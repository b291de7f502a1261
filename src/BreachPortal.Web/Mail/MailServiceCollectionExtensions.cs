using System.Net;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Mail;

public static class MailServiceCollectionExtensions
{
    public static IServiceCollection AddPortalMail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.From), "Email:From must be set: staff invitations and alerts are sent from it.")
            .Validate(o => string.IsNullOrWhiteSpace(o.From) || EmailAddresses.IsValidMailbox(o.From), "Email:From must be an address, or a display name and an address in angle brackets.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ReplyTo) || EmailAddresses.IsValidMailbox(o.ReplyTo), "Email:ReplyTo must be an address, or a display name and an address in angle brackets.")
            .Validate(o => o.Transport != EmailTransport.Smtp || !string.IsNullOrWhiteSpace(o.Smtp.Host), "Email:Smtp:Host must be set when Email:Transport is Smtp.")
            .Validate(
                o => o.Smtp is { MaxConnections: > 0, MaxMessagesPerConnection: > 0, TimeoutSeconds: > 0 },
                "Email:Smtp:MaxConnections, MaxMessagesPerConnection and TimeoutSeconds must be positive.")
            .Validate(
                o => o.Transport != EmailTransport.Smtp || string.IsNullOrEmpty(o.Smtp.UserName) || o.Smtp.StartTls || IsLoopback(o.Smtp.Host),
                "Email:Smtp:UserName is set with Email:Smtp:StartTls false: the password would cross the network in clear text.")
            .Validate<IHostEnvironment>(
                (o, environment) => o.Transport != EmailTransport.DevelopmentMailbox || environment.IsDevelopment(),
                "Email:Transport DevelopmentMailbox keeps mail in memory and is refused outside Development: configure Email:Smtp.")
            .ValidateOnStart();
        services.AddSingleton<DevelopmentMailbox>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<IEmailSender, ConfiguredEmailSender>();
        return services;
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Picks the transport when a message is sent, so verbs that never send mail need no mail settings.</summary>
    private sealed class ConfiguredEmailSender(IServiceProvider services, IOptions<EmailOptions> options) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            IEmailSender transport = options.Value.Transport == EmailTransport.DevelopmentMailbox
                ? services.GetRequiredService<DevelopmentMailbox>()
                : services.GetRequiredService<SmtpEmailSender>();
            return transport.SendAsync(message, cancellationToken);
        }
    }
}
