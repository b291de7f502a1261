using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Mail;
using Microsoft.Extensions.Options;

namespace BreachPortal.Tests.Mail;

public sealed class SmtpEmailSenderTests
{
    [Fact]
    public async Task SendAsync_ToARelay_DeliversUtf8SubjectBodyAndAutoSubmittedHeader()
    {
        await using var relay = new TestSmtpServer();
        var sender = new SmtpEmailSender(Options.Create(new EmailOptions
        {
            From = "console@agence.example",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = relay.Port, StartTls = false },
        }));

        await sender.SendAsync(new EmailMessage("agent@agence.example", "Accès à la console", "Bonjour,\nvoici votre lien."), TestContext.Current.CancellationToken);

        var message = Assert.Single(relay.Messages);
        Assert.Contains("Auto-Submitted: auto-generated", message, StringComparison.Ordinal);
        Assert.Contains("To: agent@agence.example", message, StringComparison.Ordinal);
        Assert.Contains("Subject: =?utf-8?", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Subject: Accès", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RelayDown_FailsWithAnSmtpErrorTheCallerHandles()
    {
        int port;
        await using (var closed = new TestSmtpServer())
        {
            port = closed.Port;
        }

        var sender = new SmtpEmailSender(Options.Create(new EmailOptions
        {
            From = "console@agence.example",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, StartTls = false, TimeoutSeconds = 5 },
        }));

        await Assert.ThrowsAsync<System.Net.Mail.SmtpException>(() =>
            sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), TestContext.Current.CancellationToken));
    }
}
