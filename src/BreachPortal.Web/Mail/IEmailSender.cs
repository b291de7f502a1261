namespace BreachPortal.Web.Mail;

/// <summary>Email to staff (invitations, alerts). Citizens' notifications go through the message ledger instead.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed record EmailMessage(string To, string Subject, string TextBody);
