using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachPortal.Tests.Mail;

/// <summary>What arrives, checked with Python's email parser behind aiosmtpd, and how the session is conducted.</summary>
public sealed class SmtpEmailSenderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_ToARelay_DeliversUtf8SubjectBodyAndAutoSubmittedHeader()
    {
        await using var relay = new TestSmtpServer();
        await using var sender = CreateSender(relay.Port);

        await sender.SendAsync(new EmailMessage("agent@agence.example", "Accès à la console", "Bonjour,\nvoici votre lien."), Token);

        var message = Assert.Single(relay.Messages);
        Assert.Contains("Auto-Submitted: auto-generated", message, StringComparison.Ordinal);
        Assert.Contains("To: agent@agence.example", message, StringComparison.Ordinal);
        Assert.Contains("Subject: =?utf-8?", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Subject: Accès", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_RelayDown_FailsWithAnIOExceptionTheCallerHandles()
    {
        int port;
        await using (var closed = new TestSmtpServer())
        {
            port = closed.Port;
        }

        await using var sender = CreateSender(port, o => o.Smtp.TimeoutSeconds = 5);

        await Assert.ThrowsAsync<IOException>(() => sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token));
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_RelayThatNeverAnswers_ThrowsTimeoutException()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            await using var sender = CreateSender(((IPEndPoint)silent.LocalEndpoint).Port, o => o.Smtp.TimeoutSeconds = 1);

            await Assert.ThrowsAsync<TimeoutException>(() => sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token));
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_RelayAnnouncesPipelining_SendsMailAndRcptWithoutWaitingForTheReplyToMail()
    {
        // This relay answers MAIL only once RCPT has arrived: a client that waits for each reply times out.
        await using var relay = new TestSmtpServer(pipelining: true);
        await using var sender = CreateSender(relay.Port, o => o.Smtp.TimeoutSeconds = 3);

        await sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Premier"), Token);
        await sender.SendAsync(new EmailMessage("agent2@agence.example", "Test", "Second"), Token);

        Assert.Equal(2, relay.Messages.Count);
        Assert.Equal(1, sender.ConnectionsOpened);
        Assert.Equal(
            ["MAIL FROM:<console@agence.example>", "RCPT TO:<agent@agence.example>", "DATA", "MAIL FROM:<console@agence.example>", "RCPT TO:<agent2@agence.example>", "DATA"],
            relay.Commands.Where(c => !c.StartsWith("EHLO", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_RelayRefusingEhlo_FallsBackToHeloAndSendsStepByStep()
    {
        await using var relay = new TestSmtpServer(esmtp: false);
        await using var sender = CreateSender(relay.Port);

        await sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token);

        Assert.Single(relay.Messages);
        Assert.Equal(["EHLO", "HELO", "MAIL", "RCPT", "DATA"], relay.Commands.Select(c => c.Split(' ')[0]));
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_RecipientRefusedInAPipelinedTransaction_ThrowsPermanentRejectionAndKeepsTheSession()
    {
        await using var relay = new TestSmtpServer(pipelining: true);
        relay.RecipientReplies["nobody@agence.example"] = "550 5.1.1 <nobody@agence.example>: Recipient address rejected: User unknown";
        var logs = new CapturingLoggerProvider();
        await using var sender = CreateSender(relay.Port, logs: logs);

        var refused = await Assert.ThrowsAsync<EmailRejectedException>(() =>
            sender.SendAsync(new EmailMessage("nobody@agence.example", "Test", "Test"), Token));
        await sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Livré"), Token);

        Assert.Equal(550, refused.ReplyCode);
        Assert.True(refused.IsPermanent);
        Assert.Contains("User unknown", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", refused.Message, StringComparison.Ordinal);
        Assert.Contains("RSET", relay.Commands);
        Assert.Contains("Livr=C3=A9", Assert.Single(relay.Messages), StringComparison.Ordinal);
        Assert.Equal(1, sender.ConnectionsOpened);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains('@', StringComparison.Ordinal));
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_TextAndHtml_ArrivesAsMultipartAlternativeThatDecodesToTheOriginals()
    {
        await using var relay = await AiosmtpdServer.StartAsync(cancellationToken: Token);
        await using var sender = CreateSender(relay.Port, o =>
        {
            o.From = "Portail « fuites de données » <noreply@portail.example>";
            o.ReplyTo = "support@portail.example";
        });
        var subject = "Violation de données vous concernant : ce que nous savons, ce que vous pouvez faire — 日本語 😀";
        var text = "Bonjour,\n\n.Une ligne qui commence par un point\n..et deux\n.\n" + string.Concat(Enumerable.Repeat("Très longue ligne = ", 20))
            + "\nespaces en fin   \n\ttabulation\r\nfin sans saut";
        var html = "<p>Bonjour,</p>\n<p>" + string.Concat(Enumerable.Repeat("Très longue ligne ", 30)) + "</p>\n.<br>\n";

        await sender.SendAsync(new EmailMessage("agent@agence.example", subject, text) { HtmlBody = html, MessageId = "abc.123@portail.example" }, Token);

        var message = Assert.Single(relay.Messages);
        Assert.Empty(message.Defects);
        Assert.Equal("noreply@portail.example", message.MailFrom);
        Assert.Equal(["agent@agence.example"], message.Recipients);
        Assert.Equal("multipart/alternative", message.ContentType);
        Assert.Equal(subject, message.Subject);
        Assert.Equal(text.Replace("\r\n", "\n", StringComparison.Ordinal), message.Text);
        Assert.Equal(html, message.Html);
        var headers = message.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("<abc.123@portail.example>", headers["Message-ID"]);
        Assert.Equal("auto-generated", headers["Auto-Submitted"]);
        Assert.Equal("support@portail.example", headers["Reply-To"]);
        Assert.Equal("Portail « fuites de données » <noreply@portail.example>", headers["From"]);
        Assert.Equal("agent@agence.example", headers["To"]);
        Assert.Contains("\r\nMessage-ID: <abc.123@portail.example>\r\n", message.RawText, StringComparison.OrdinalIgnoreCase);
        AssertWellFormed(message.RawText);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_TextOnly_ArrivesAsOneTextPlainPartWithAGeneratedMessageId()
    {
        await using var relay = await AiosmtpdServer.StartAsync(cancellationToken: Token);
        await using var sender = CreateSender(relay.Port);

        var subject = "A plain ASCII subject, long enough to be folded over two or three lines as RFC 5322 allows it";

        await sender.SendAsync(new EmailMessage("agent@agence.example", subject, "Ligne 1\nLigne 2\n"), Token);

        var message = Assert.Single(relay.Messages);
        Assert.Empty(message.Defects);
        Assert.Equal("text/plain", message.ContentType);
        Assert.Equal(subject, message.Subject);
        Assert.Contains("\r\nSubject: A plain ASCII subject,", message.RawText, StringComparison.Ordinal);
        Assert.Equal("Ligne 1\nLigne 2\n", message.Text);
        Assert.Matches("^<[^<>@\\s]+@agence\\.example>$", message.Header("Message-ID"));
        Assert.DoesNotContain(message.Headers, h => h.Name == "Reply-To");
        AssertWellFormed(message.RawText);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_SubjectWithAnInjectedHeader_DoesNotAddTheHeader()
    {
        await using var relay = await AiosmtpdServer.StartAsync(cancellationToken: Token);
        await using var sender = CreateSender(relay.Port);

        await sender.SendAsync(new EmailMessage("agent@agence.example", "Alerte\r\nBcc: victim@evil.example\r\n\r\nfaux corps", "Vrai corps"), Token);

        var message = Assert.Single(relay.Messages);
        Assert.DoesNotContain(message.Headers, h => h.Name.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Alerte  Bcc: victim@evil.example    faux corps", message.Subject);
        Assert.Equal("Vrai corps", message.Text);
        Assert.Equal(["agent@agence.example"], message.Recipients);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_StartTlsAndAuth_DeliversOverTlsAsTheConfiguredUser()
    {
        using var certificate = AiosmtpdServer.CreateCertificate();
        await using var relay = await AiosmtpdServer.StartAsync(
            new AiosmtpdSettings { Certificate = certificate, UserName = "portail", Password = "s3cret!", RequireStartTls = true }, Token);
        await using var sender = CreateSender(relay.Port, o =>
        {
            o.Smtp.StartTls = true;
            o.Smtp.TrustedCertificateSha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            o.Smtp.UserName = "portail";
            o.Smtp.Password = "s3cret!";
        });

        await sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Chiffré"), Token);
        await sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Chiffré"), Token);

        Assert.All(relay.Messages, m => Assert.True(m.OverTls));
        Assert.All(relay.Messages, m => Assert.Equal("portail", m.AuthenticatedUser));
        Assert.Equal(2, relay.Messages.Count);
        Assert.Equal(1, sender.ConnectionsOpened);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_WrongPassword_FailsWithIOExceptionNotARejectionOfTheMessage()
    {
        using var certificate = AiosmtpdServer.CreateCertificate();
        await using var relay = await AiosmtpdServer.StartAsync(
            new AiosmtpdSettings { Certificate = certificate, UserName = "portail", Password = "s3cret!" }, Token);
        await using var sender = CreateSender(relay.Port, o =>
        {
            o.Smtp.StartTls = true;
            o.Smtp.TrustedCertificateSha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            o.Smtp.UserName = "portail";
            o.Smtp.Password = "wrong";
        });

        var failure = await Assert.ThrowsAsync<IOException>(() => sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token));

        Assert.Contains("credentials", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", failure.Message, StringComparison.Ordinal);
        Assert.Empty(relay.Messages);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_CertificateNotTrusted_FailsWithIOExceptionBeforeSending()
    {
        using var certificate = AiosmtpdServer.CreateCertificate();
        await using var relay = await AiosmtpdServer.StartAsync(new AiosmtpdSettings { Certificate = certificate }, Token);
        await using var sender = CreateSender(relay.Port, o => o.Smtp.StartTls = true);

        var failure = await Assert.ThrowsAsync<IOException>(() => sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token));

        Assert.Contains("TLS", failure.Message, StringComparison.Ordinal);
        Assert.Empty(relay.Messages);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_StartTlsRequiredButNotOffered_FailsWithIOExceptionBeforeSending()
    {
        await using var relay = await AiosmtpdServer.StartAsync(cancellationToken: Token);
        await using var sender = CreateSender(relay.Port, o => o.Smtp.StartTls = true);

        var failure = await Assert.ThrowsAsync<IOException>(() => sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Test"), Token));

        Assert.Contains("STARTTLS", failure.Message, StringComparison.Ordinal);
        Assert.Empty(relay.Messages);
    }

    [Fact(Timeout = 20_000)]
    public async Task SendAsync_AuthWithoutTlsToALoopbackRelay_Authenticates()
    {
        await using var relay = await AiosmtpdServer.StartAsync(
            new AiosmtpdSettings { UserName = "portail", Password = "s3cret!", AuthWithoutTls = true }, Token);
        await using var sender = CreateSender(relay.Port, o =>
        {
            o.Smtp.UserName = "portail";
            o.Smtp.Password = "s3cret!";
        });

        await sender.SendAsync(new EmailMessage("agent@agence.example", "Test", "Local"), Token);

        Assert.Equal("portail", Assert.Single(relay.Messages).AuthenticatedUser);
    }

    /// <summary>CRLF only, 7-bit, every line within <see cref="MailLines.Limit"/>.</summary>
    private static void AssertWellFormed(string raw)
    {
        Assert.DoesNotMatch("[^\r]\n|\r[^\n]", raw);
        Assert.True(raw.All(c => c < 128), "7-bit only");
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.All(raw[..end].Split("\r\n"), line => Assert.InRange(line.Length, 1, MailLines.Limit(line)));
        Assert.All(raw[(end + 4)..].Split("\r\n"), line => Assert.InRange(line.Length, 0, MailLines.Limit(line)));
    }

    internal static SmtpEmailSender CreateSender(int port, Action<EmailOptions>? configure = null, CapturingLoggerProvider? logs = null)
    {
        var options = new EmailOptions
        {
            From = "console@agence.example",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, StartTls = false, TimeoutSeconds = 10 },
        };
        configure?.Invoke(options);
        using var factory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        return new SmtpEmailSender(Options.Create(options), TimeProvider.System, factory.CreateLogger<SmtpEmailSender>());
    }
}
