namespace BreachPortal.Web.Mail;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary><c>Smtp</c> sends to a relay; <c>DevelopmentMailbox</c> keeps messages in memory for the /dev/mailbox page.</summary>
    public EmailTransport Transport { get; set; } = EmailTransport.Smtp;

    /// <summary>An address, or a display name and an address: <c>Portail &lt;noreply@example.fr&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>Optional address that replies go to instead of <see cref="From"/>.</summary>
    public string? ReplyTo { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

public enum EmailTransport
{
    Smtp,
    DevelopmentMailbox,
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS before authenticating; a server that does not offer it is refused.</summary>
    public bool StartTls { get; set; } = true;

    /// <summary>Authenticate (AUTH PLAIN, else LOGIN) when set; only over TLS unless the relay is on this machine.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Time allowed to connect, and for each message's whole SMTP transaction.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Connections kept open to the relay, and so messages in flight at once.</summary>
    public int MaxConnections { get; set; } = 16;

    /// <summary>A connection is closed with QUIT and replaced after this many messages.</summary>
    public int MaxMessagesPerConnection { get; set; } = 10_000;

    /// <summary>The name sent with EHLO; the machine's host name when empty.</summary>
    public string? HeloName { get; set; }

    /// <summary>
    /// SHA-256 (hex) of a relay certificate accepted even though it does not chain to a trusted root: a relay with a
    /// self-signed certificate, or a test server. Any other certificate must be valid for <see cref="Host"/>.
    /// </summary>
    public string? TrustedCertificateSha256 { get; set; }
}
