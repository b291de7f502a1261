namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>The statuses of GOV.UK Notify. Stored as their numbers, which the dispatcher's SQL uses.</summary>
public enum MessageStatus : short
{
    Created = 0,
    Sending = 1,
    Sent = 2,
    Delivered = 3,
    TemporaryFailure = 4,
    PermanentFailure = 5,
    TechnicalFailure = 6,
    Cancelled = 7,
}

public static class MessageStatusNames
{
    /// <summary>The GOV.UK Notify spelling (<c>temporary-failure</c>), used in verbs' output and exports.</summary>
    public static string ToWireName(this MessageStatus status) => status switch
    {
        MessageStatus.Created => "created",
        MessageStatus.Sending => "sending",
        MessageStatus.Sent => "sent",
        MessageStatus.Delivered => "delivered",
        MessageStatus.TemporaryFailure => "temporary-failure",
        MessageStatus.PermanentFailure => "permanent-failure",
        MessageStatus.TechnicalFailure => "technical-failure",
        MessageStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown message status."),
    };
}
