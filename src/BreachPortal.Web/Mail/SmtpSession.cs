using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BreachPortal.Web.Mail;

/// <summary>
/// One MailKit SMTP session with the relay, and the translation of MailKit's exceptions into the contract of
/// <see cref="IEmailSender"/>: a 4xx or 5xx reply is an <see cref="EmailRejectedException"/> with its code; a
/// connection, TLS, protocol or login failure is an <see cref="IOException"/>. Not thread-safe:
/// <see cref="SmtpEmailSender"/> lends it to one sender at a time, and disposes it after any other exception or when
/// <see cref="IsUsable"/> is false.
/// </summary>
internal sealed class SmtpSession : IDisposable
{
    private readonly Socket _socket;
    private readonly TrackingSmtpClient _client;
    private readonly string _server;
    private bool _broken;

    private SmtpSession(Socket socket, TrackingSmtpClient client, string server)
    {
        _socket = socket;
        _client = client;
        _server = server;
    }

    public bool IsEncrypted => _client.IsEncrypted;

    public bool Pipelining => _client.Capabilities.HasFlag(SmtpCapabilities.Pipelining);

    public int MessagesSent { get; private set; }

    /// <summary>False once the server has closed the session (421), or the session failed in a way that leaves it unknown.</summary>
    public bool IsUsable => !_broken && _client.IsConnected;

    /// <summary>
    /// True once the relay accepted MAIL FROM for the current message: from then on its content may have gone out, and
    /// sending it again on another session could deliver it twice.
    /// </summary>
    public bool SenderAccepted => _client.SenderAccepted;

    /// <summary>
    /// True when the server closed the connection while it sat idle in the pool, or (in clear text) spoke unasked,
    /// which is a 421 before closing. Over TLS, bytes may be a session ticket, so only a close counts.
    /// </summary>
    public bool IsStale
    {
        get
        {
            try
            {
                return !IsUsable || (_socket.Poll(0, SelectMode.SelectRead) && (_socket.Available == 0 || !IsEncrypted));
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    /// <summary>Connects, says EHLO (HELO to an old server), upgrades with STARTTLS and authenticates as configured.</summary>
    public static async Task<SmtpSession> OpenAsync(SmtpOptions options, string heloName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var server = $"{options.Host}:{options.Port}";
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken);
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new IOException($"Could not connect to the SMTP server {server} ({exception.SocketErrorCode}).", exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new TrackingSmtpClient
        {
            LocalDomain = heloName,
            Timeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds),

            // As the BCL's SslStream does by default: an offline relay network cannot reach revocation lists.
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = PinnedOrValid(options.TrustedCertificateSha256),
        };
        var session = new SmtpSession(socket, client, server);
        try
        {
            await session.HandshakeAsync(options, cancellationToken);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private async Task HandshakeAsync(SmtpOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await _client.ConnectAsync(_socket, options.Host, options.Port, options.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        }
        catch (NotSupportedException exception)
        {
            throw new IOException(
                $"The SMTP server {_server} does not offer STARTTLS, and Email:Smtp:StartTls is true: nothing is sent in clear text.", exception);
        }
        catch (SslHandshakeException exception)
        {
            throw new IOException($"The TLS handshake with the SMTP server {_server} failed: the certificate is not valid for the host nor pinned by Email:Smtp:TrustedCertificateSha256.", exception);
        }
        catch (SmtpCommandException exception)
        {
            throw new IOException($"The SMTP server {_server} refused the session: {(int)exception.StatusCode} {MaskAddresses(exception.Message)}", exception);
        }
        catch (SmtpProtocolException exception)
        {
            throw new IOException($"The SMTP server {_server} broke the protocol while opening the session: {exception.Message}", exception);
        }

        if (string.IsNullOrEmpty(options.UserName))
        {
            return;
        }

        if (!_client.IsEncrypted && !IsLoopback())
        {
            throw new InvalidOperationException("Email:Smtp:UserName is set but the connection is not encrypted: enable Email:Smtp:StartTls.");
        }

        try
        {
            await _client.AuthenticateAsync(new NetworkCredential(options.UserName, options.Password ?? ""), cancellationToken);
        }
        catch (NotSupportedException exception)
        {
            throw new IOException($"Email:Smtp:UserName is set but the SMTP server {_server} offers no authentication mechanism this client supports.", exception);
        }
        catch (Exception exception) when (exception is AuthenticationException or SaslException or SmtpCommandException)
        {
            // A refused login is the relay's configuration, not this message's fault: it must not fail messages for good.
            throw new IOException($"The SMTP server {_server} refused the credentials of Email:Smtp:UserName.", exception);
        }
    }

    /// <summary>
    /// One transaction: MAIL FROM and RCPT TO (in one write when the server supports PIPELINING), DATA, the content.
    /// After an <see cref="EmailRejectedException"/> MailKit has reset the transaction, and the session can carry the
    /// next message unless <see cref="IsUsable"/> says otherwise.
    /// </summary>
    public async Task SendAsync(FormatOptions format, MimeMessage message, MailboxAddress sender, MailboxAddress recipient, CancellationToken cancellationToken)
    {
        _client.SenderAccepted = false;
        try
        {
            MessagesSent++;
            await _client.SendAsync(format, message, sender, [recipient], cancellationToken);
        }
        catch (SmtpCommandException exception)
        {
            var code = (int)exception.StatusCode;
            if (code is < 400 or > 599)
            {
                _broken = true;
                throw new IOException($"The SMTP server answered {What(exception.ErrorCode)} with an unexpected {code}.", exception);
            }

            _broken |= code == 421;
            throw new EmailRejectedException(code, $"The SMTP server refused {What(exception.ErrorCode)}: {code} {MaskAddresses(exception.Message)}");
        }
        catch (SmtpProtocolException exception)
        {
            _broken = true;
            throw new IOException($"The SMTP server {_server} broke the protocol: {exception.Message}", exception);
        }
        catch (ServiceNotConnectedException exception)
        {
            _broken = true;
            throw new IOException($"The SMTP server {_server} closed the connection.", exception);
        }
        catch (IOException)
        {
            _broken = true;
            throw;
        }
    }

    /// <summary>Says QUIT and waits for the answer; errors are ignored, the connection is going away anyway.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: true, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SmtpProtocolException or SmtpCommandException)
        {
        }
    }

    private static string What(SmtpErrorCode error) => error switch
    {
        SmtpErrorCode.SenderNotAccepted => "the sender (MAIL FROM)",
        SmtpErrorCode.RecipientNotAccepted => "the recipient (RCPT TO)",
        SmtpErrorCode.MessageNotAccepted => "the message",
        _ => "a command",
    };

    private static RemoteCertificateValidationCallback PinnedOrValid(string? trustedSha256)
    {
        var pinned = trustedSha256?.Replace(":", "", StringComparison.Ordinal).Trim();
        return (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (!string.IsNullOrEmpty(pinned) && certificate is not null
                && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase));
    }

    private bool IsLoopback() =>
        _socket.RemoteEndPoint is IPEndPoint endpoint
        && IPAddress.IsLoopback(endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address);

    /// <summary>Replies often quote the recipient; an exception message ends up in logs, so addresses are masked.</summary>
    internal static string MaskAddresses(string text)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }

        return string.Join(' ', text.Split(' ').Select(word => word.Contains('@', StringComparison.Ordinal) ? "[address]" : word));
    }

    public void Dispose()
    {
        _broken = true;
        _client.Dispose();
        _socket.Dispose();
    }

    /// <summary>MailKit's client, told when the relay accepts the sender of a message.</summary>
    private sealed class TrackingSmtpClient : SmtpClient
    {
        public bool SenderAccepted { get; set; }

        protected override void OnSenderAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        {
            SenderAccepted = true;
            base.OnSenderAccepted(message, mailbox, response);
        }
    }
}
