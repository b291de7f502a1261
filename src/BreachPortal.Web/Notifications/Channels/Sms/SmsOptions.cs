namespace BreachPortal.Web.Notifications.Channels.Sms;

/// <summary>Section <c>Sms</c>. Unset <see cref="Transport"/> means this process sends no SMS, and nothing here is required.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary><c>Gateway</c> posts to the HTTP gateway; <c>DevelopmentOutbox</c> keeps SMS in memory (Development only).</summary>
    public SmsTransport? Transport { get; set; }

    public SmsGatewayOptions Gateway { get; set; } = new();
}

public enum SmsTransport
{
    Gateway,
    DevelopmentOutbox,
}

public sealed class SmsGatewayOptions
{
    public const int MinimumReceiptSecretLength = 32;

    /// <summary>The gateway's root, such as <c>https://sms.example/v1</c>; messages go to <c>{BaseUrl}/messages</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Sent as <c>Authorization: Bearer …</c>.</summary>
    public string Token { get; set; } = "";

    /// <summary>The sender id the recipient sees: an alphanumeric name (11 characters at most) or a number.</summary>
    public string From { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The shared HMAC-SHA256 key (its UTF-8 bytes) that signs the gateway's delivery receipts.</summary>
    public string ReceiptSecret { get; set; } = "";

    /// <summary>Connections open to the gateway at most, hence requests in flight at most over HTTP/1.1.</summary>
    public int MaxConnections { get; set; } = 256;
}
