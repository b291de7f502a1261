namespace BreachPortal.Web.Mail;

/// <summary>
/// Development only: keeps the last messages in memory instead of sending them, so that someone running the
/// portal locally can read invitations at /dev/mailbox without an SMTP server.
/// </summary>
public sealed class DevelopmentMailbox(TimeProvider time) : IEmailSender
{
    private const int Capacity = 500;
    private readonly LinkedList<ReceivedEmail> _messages = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        lock (_messages)
        {
            _messages.AddFirst(new ReceivedEmail(time.GetUtcNow(), message));
            if (_messages.Count > Capacity)
            {
                _messages.RemoveLast();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ReceivedEmail> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }
}

public sealed record ReceivedEmail(DateTimeOffset ReceivedAt, EmailMessage Message);
