namespace BreachPortal.Web.Mail;

/// <summary>
/// Sends one email: staff mail (invitations, alerts) and citizens' notifications from the dispatcher alike. Safe to
/// call concurrently. A refusal by the server is an <see cref="EmailRejectedException"/>; a connection that fails
/// or times out is an <see cref="IOException"/> or <see cref="TimeoutException"/> (both transient). An address or
/// Message-ID that cannot be sent as it is (whitespace, line breaks, angle brackets…) is an <see cref="ArgumentException"/>.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <param name="To">One address.</param>
/// <param name="Subject">Unencoded; the sender encodes it for the header.</param>
/// <param name="TextBody">The plain-text part.</param>
public sealed record EmailMessage(string To, string Subject, string TextBody)
{
    /// <summary>An HTML alternative to <see cref="TextBody"/>, already encoded.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>The Message-ID without angle brackets (<c>local@domain</c>); the same on every attempt of one message.</summary>
    public string? MessageId { get; init; }
}

/// <summary>The SMTP server refused a message.</summary>
public sealed class EmailRejectedException : Exception
{
    public EmailRejectedException()
    {
    }

    public EmailRejectedException(string message)
        : base(message)
    {
    }

    public EmailRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailRejectedException(int replyCode, string message)
        : base(message)
    {
        ReplyCode = replyCode;
    }

    /// <summary>The SMTP reply code, such as 450 or 550.</summary>
    public int ReplyCode { get; }

    /// <summary>5xx: sending it again will not help.</summary>
    public bool IsPermanent => ReplyCode >= 500;
}
