namespace BreachPortal.Web.Notifications.Channels.Sms;

/// <summary>
/// Development only: keeps the last SMS in memory instead of sending them, so that the portal runs locally without
/// a gateway. Each SMS gets a new id, as a gateway would give.
/// </summary>
public sealed class DevelopmentSmsOutbox(TimeProvider time) : ISmsSender
{
    public const int Capacity = 500;
    private readonly LinkedList<OutboxSms> _messages = new();

    public Task<string> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = $"dev-{Guid.NewGuid():N}";
        lock (_messages)
        {
            _messages.AddFirst(new OutboxSms(time.GetUtcNow(), message.To, message.Text, message.Reference, id));
            if (_messages.Count > Capacity)
            {
                _messages.RemoveLast();
            }
        }

        return Task.FromResult(id);
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<OutboxSms> Messages
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

public sealed record OutboxSms(DateTimeOffset ReceivedAt, string To, string Text, string Reference, string Id);
