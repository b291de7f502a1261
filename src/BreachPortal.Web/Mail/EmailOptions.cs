namespace BreachPortal.Web.Mail;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary><c>Smtp</c> sends to a relay; <c>DevelopmentMailbox</c> keeps messages in memory for the /dev/mailbox page.</summary>
    public EmailTransport Transport { get; set; } = EmailTransport.Smtp;

    public string From { get; set; } = "";

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

    /// <summary>Upgrade the connection with STARTTLS before authenticating.</summary>
    public bool StartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
