namespace BreachPortal.Web.Notifications.Channels.Sms;

/// <summary>
/// Hands one SMS to the gateway. Safe to call concurrently. A refusal is an <see cref="SmsRejectedException"/>
/// (transient for HTTP 429 and 5xx); a connection that fails or times out is an <see cref="HttpRequestException"/>
/// or <see cref="TimeoutException"/> (transient).
/// </summary>
public interface ISmsSender
{
    /// <returns>The gateway's id for the message, which its delivery receipts name.</returns>
    Task<string> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <param name="To">E.164.</param>
/// <param name="Text">The text as it must arrive.</param>
/// <param name="Reference">The message's reference code: the gateway's <c>reference</c> and <c>Idempotency-Key</c>, the same on every attempt.</param>
public sealed record SmsMessage(string To, string Text, string Reference);

/// <summary>The gateway refused an SMS.</summary>
public sealed class SmsRejectedException : Exception
{
    public SmsRejectedException()
    {
    }

    public SmsRejectedException(string message)
        : base(message)
    {
    }

    public SmsRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SmsRejectedException(bool isPermanent, string reason, string message)
        : base(message)
    {
        IsPermanent = isPermanent;
        Reason = reason;
    }

    /// <summary>False for 429 and 5xx: try again later.</summary>
    public bool IsPermanent { get; }

    /// <summary>A short code for the ledger such as <c>http-400</c>; never personal data.</summary>
    public string Reason { get; } = "gateway-refused";
}
