using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Mail;

/// <summary>
/// Staff email over SMTP with the BCL client: a few messages a day, where its speed does not matter.
/// MailKit cannot be restored here; this class is the seam where it would return.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
        {
            EnableSsl = settings.Smtp.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = settings.Smtp.TimeoutSeconds * 1000,
        };
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
        {
            client.Credentials = new NetworkCredential(settings.Smtp.UserName, settings.Smtp.Password);
        }

        using var mail = new MailMessage(settings.From, message.To)
        {
            Subject = message.Subject,
            Body = message.TextBody,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        await client.SendMailAsync(mail, cancellationToken);
    }
}
