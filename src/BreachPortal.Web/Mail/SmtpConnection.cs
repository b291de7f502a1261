using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;

namespace BreachPortal.Web.Mail;

/// <summary>What the server announced in its EHLO reply.</summary>
internal sealed record SmtpCapabilities(bool Pipelining, bool StartTls, bool AuthPlain, bool AuthLogin, bool EightBitMime, long MaxSize)
{
    public static SmtpCapabilities None { get; } = new(false, false, false, false, false, 0);

    public static SmtpCapabilities Parse(IReadOnlyList<string> ehloLines)
    {
        bool pipelining = false, startTls = false, plain = false, login = false, eightBit = false;
        long maxSize = 0;

        // The first line is the server's greeting name, not an extension.
        foreach (var line in ehloLines.Skip(1))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            switch (words[0].ToUpperInvariant())
            {
                case "PIPELINING":
                    pipelining = true;
                    break;
                case "STARTTLS":
                    startTls = true;
                    break;
                case "8BITMIME":
                    eightBit = true;
                    break;
                case "SIZE":
                    _ = words.Length > 1 && long.TryParse(words[1], out maxSize);
                    break;
                case "AUTH":
                    plain |= words.Skip(1).Contains("PLAIN", StringComparer.OrdinalIgnoreCase);
                    login |= words.Skip(1).Contains("LOGIN", StringComparer.OrdinalIgnoreCase);
                    break;
                default:
                    break;
            }
        }

        return new SmtpCapabilities(pipelining, startTls, plain, login, eightBit, maxSize);
    }
}

/// <summary>
/// One SMTP session with the relay. Not thread-safe: <see cref="SmtpEmailSender"/> lends it to one sender at a time.
/// After any exception other than <see cref="EmailRejectedException"/> or <see cref="ArgumentException"/>, or when
/// <see cref="IsUsable"/> is false, the connection must be disposed.
/// </summary>
internal sealed class SmtpConnection : IDisposable
{
    private const int MaxReplyLine = 4096;

    private readonly Socket _socket;
    private readonly byte[] _input = new byte[MaxReplyLine];
    private readonly ArrayBufferWriter<byte> _message = new(8192);
    private readonly ArrayBufferWriter<byte> _output = new(8192);
    private Stream _stream;
    private int _inputStart;
    private int _inputEnd;

    private SmtpConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public SmtpCapabilities Capabilities { get; private set; } = SmtpCapabilities.None;

    public bool IsEncrypted => _stream is SslStream;

    public int MessagesSent { get; private set; }

    /// <summary>False once the server has closed the session (421) or a reset failed.</summary>
    public bool IsUsable { get; private set; } = true;

    /// <summary>True once the current message's content has started to go out: sending it again could duplicate it.</summary>
    public bool ContentStarted { get; private set; }

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
                return _inputStart != _inputEnd || (_socket.Poll(0, SelectMode.SelectRead) && (_socket.Available == 0 || !IsEncrypted));
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    /// <summary>Connects, reads the greeting, says EHLO, upgrades with STARTTLS and authenticates as configured.</summary>
    public static async Task<SmtpConnection> OpenAsync(SmtpOptions options, string heloName, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken);
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new IOException($"Could not connect to the SMTP server {options.Host}:{options.Port} ({exception.SocketErrorCode}).", exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new SmtpConnection(socket);
        try
        {
            await connection.HandshakeAsync(options, heloName, cancellationToken);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task HandshakeAsync(SmtpOptions options, string heloName, CancellationToken cancellationToken)
    {
        var greeting = await ReadReplyAsync(null, cancellationToken);
        if (greeting.Code != 220)
        {
            throw new IOException($"The SMTP server {options.Host}:{options.Port} greeted with {greeting.Code} instead of 220: {greeting.Text}");
        }

        await HelloAsync(heloName, cancellationToken);
        if (options.StartTls)
        {
            if (!Capabilities.StartTls)
            {
                throw new IOException(
                    $"The SMTP server {options.Host}:{options.Port} does not offer STARTTLS, and Email:Smtp:StartTls is true: nothing is sent in clear text.");
            }

            await CommandAsync("STARTTLS\r\n"u8, 220, "STARTTLS", cancellationToken);
            if (_inputStart != _inputEnd)
            {
                throw new IOException("The SMTP server sent data after accepting STARTTLS, before the TLS handshake: the connection is dropped.");
            }

            await UpgradeToTlsAsync(options, cancellationToken);
            await HelloAsync(heloName, cancellationToken);
        }

        if (!string.IsNullOrEmpty(options.UserName))
        {
            if (!IsEncrypted && !IsLoopback())
            {
                throw new InvalidOperationException("Email:Smtp:UserName is set but the connection is not encrypted: enable Email:Smtp:StartTls.");
            }

            await AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }
    }

    private async Task HelloAsync(string heloName, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        WriteCommand("EHLO ", heloName);
        await FlushAsync(cancellationToken);
        var reply = await ReadReplyAsync(lines, cancellationToken);
        if (reply.Code == 250)
        {
            Capabilities = SmtpCapabilities.Parse(lines);
            return;
        }

        if (reply.Code is < 500 or > 502 || IsEncrypted)
        {
            throw new IOException($"The SMTP server answered EHLO with {reply.Code}: {reply.Text}");
        }

        WriteCommand("HELO ", heloName);
        await FlushAsync(cancellationToken);
        reply = await ReadReplyAsync(null, cancellationToken);
        if (reply.Code != 250)
        {
            throw new IOException($"The SMTP server answered HELO with {reply.Code}: {reply.Text}");
        }

        Capabilities = SmtpCapabilities.None;
    }

    private async Task UpgradeToTlsAsync(SmtpOptions options, CancellationToken cancellationToken)
    {
        var pinned = options.TrustedCertificateSha256?.Replace(":", "", StringComparison.Ordinal).Trim();
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        _stream = ssl;
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = options.Host,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                        errors == SslPolicyErrors.None
                        || (!string.IsNullOrEmpty(pinned) && certificate is not null
                            && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase)),
                },
                cancellationToken);
        }
        catch (AuthenticationException exception)
        {
            throw new IOException($"The TLS handshake with the SMTP server {options.Host}:{options.Port} failed: {exception.Message}", exception);
        }
    }

    private async Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken)
    {
        if (Capabilities.AuthPlain)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{userName}\0{password}"));
            WriteCommand("AUTH PLAIN ", credentials);
            await FlushAsync(cancellationToken);
            await ExpectAuthenticatedAsync(await ReadReplyAsync(null, cancellationToken));
        }
        else if (Capabilities.AuthLogin)
        {
            await CommandAsync("AUTH LOGIN\r\n"u8, 334, "AUTH LOGIN", cancellationToken);
            WriteCommand("", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName)));
            await FlushAsync(cancellationToken);
            var reply = await ReadReplyAsync(null, cancellationToken);
            if (reply.Code != 334)
            {
                await ExpectAuthenticatedAsync(reply);
            }

            WriteCommand("", Convert.ToBase64String(Encoding.UTF8.GetBytes(password)));
            await FlushAsync(cancellationToken);
            await ExpectAuthenticatedAsync(await ReadReplyAsync(null, cancellationToken));
        }
        else
        {
            throw new IOException("Email:Smtp:UserName is set but the SMTP server offers neither AUTH PLAIN nor AUTH LOGIN.");
        }
    }

    // A refused login is the relay's configuration, not this message's fault: it must not fail messages for good.
    private static Task ExpectAuthenticatedAsync(SmtpReply reply) => reply.Code == 235
        ? Task.CompletedTask
        : throw new IOException($"The SMTP server refused the credentials of Email:Smtp:UserName ({reply.Code}).");

    /// <summary>
    /// One transaction: MAIL FROM, RCPT TO, DATA (in one write when the server supports PIPELINING), then the
    /// dot-stuffed content. A refusal is an <see cref="EmailRejectedException"/>, after which the session has been
    /// reset and can be used again unless <see cref="IsUsable"/> says otherwise.
    /// </summary>
    public async Task SendAsync(MimeMessageWriter writer, EmailMessage message, string sender, string recipient, CancellationToken cancellationToken)
    {
        ContentStarted = false;
        _message.ResetWrittenCount();
        writer.Write(message, _message);
        if (Capabilities.MaxSize > 0 && _message.WrittenCount > Capabilities.MaxSize)
        {
            throw new EmailRejectedException(552, $"The message ({_message.WrittenCount} bytes) is larger than the SMTP server accepts ({Capabilities.MaxSize} bytes).");
        }

        _output.ResetWrittenCount();
        Write("MAIL FROM:<"u8);
        WriteAscii(sender);
        Write(">"u8);
        if (Capabilities.MaxSize > 0)
        {
            Write(" SIZE="u8);
            _message.WrittenCount.TryFormat(_output.GetSpan(16), out var digits, default, CultureInfo.InvariantCulture);
            _output.Advance(digits);
        }

        Write("\r\n"u8);
        if (Capabilities.Pipelining)
        {
            WriteCommand("RCPT TO:<", recipient, ">");
            Write("DATA\r\n"u8);
            await FlushAsync(cancellationToken);
            var mail = await ReadPipelinedReplyAsync(2, "the sender (MAIL FROM)", cancellationToken);
            var rcpt = await ReadPipelinedReplyAsync(2, "the recipient (RCPT TO)", cancellationToken);
            var data = await ReadPipelinedReplyAsync(3, "the message (DATA)", cancellationToken);
            var failure = Failure(mail, 2, "the sender (MAIL FROM)") ?? Failure(rcpt, 2, "the recipient (RCPT TO)") ?? Failure(data, 3, "the message (DATA)");
            if (failure is not null)
            {
                if (data.Code == 354)
                {
                    // RFC 2920: the server went into data mode although the transaction failed; end it empty.
                    Write(".\r\n"u8);
                    await FlushAsync(cancellationToken);
                    await ReadReplyAsync(null, cancellationToken);
                }

                await ResetAsync(cancellationToken);
                throw failure;
            }
        }
        else
        {
            await FlushAsync(cancellationToken);
            await ExpectAsync(2, "the sender (MAIL FROM)", cancellationToken);
            WriteCommand("RCPT TO:<", recipient, ">");
            await FlushAsync(cancellationToken);
            await ExpectAsync(2, "the recipient (RCPT TO)", cancellationToken);
            Write("DATA\r\n"u8);
            await FlushAsync(cancellationToken);
            await ExpectAsync(3, "the message (DATA)", cancellationToken);
        }

        ContentStarted = true;
        WriteDotStuffed(_message.WrittenSpan);
        await FlushAsync(cancellationToken);
        var final = await ReadReplyAsync(null, cancellationToken);
        MessagesSent++;
        if (Failure(final, 2, "the message content") is { } refused)
        {
            throw refused;
        }
    }

    /// <summary>A 421 closes the session at once: the replies to the rest of the group will never come.</summary>
    private async Task<SmtpReply> ReadPipelinedReplyAsync(int expectedClass, string what, CancellationToken cancellationToken)
    {
        var reply = await ReadReplyAsync(null, cancellationToken);
        if (reply.Code == 421)
        {
            throw Failure(reply, expectedClass, what)!;
        }

        return reply;
    }

    private async Task ExpectAsync(int expectedClass, string what, CancellationToken cancellationToken)
    {
        if (Failure(await ReadReplyAsync(null, cancellationToken), expectedClass, what) is { } failure)
        {
            await ResetAsync(cancellationToken);
            throw failure;
        }
    }

    private EmailRejectedException? Failure(SmtpReply reply, int expectedClass, string what)
    {
        if (reply.Code / 100 == expectedClass)
        {
            return null;
        }

        if (reply.Code == 421)
        {
            IsUsable = false;
        }

        if (reply.Code is < 400 or > 599)
        {
            IsUsable = false;
            throw new IOException($"The SMTP server answered {what} with an unexpected {reply.Code}.");
        }

        return new EmailRejectedException(reply.Code, $"The SMTP server refused {what}: {reply.Code} {MaskAddresses(reply.Text)}");
    }

    private async Task ResetAsync(CancellationToken cancellationToken)
    {
        if (!IsUsable)
        {
            return;
        }

        Write("RSET\r\n"u8);
        await FlushAsync(cancellationToken);
        IsUsable = (await ReadReplyAsync(null, cancellationToken)).Code == 250;
    }

    /// <summary>Says QUIT and waits for the answer; errors are ignored, the connection is going away anyway.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            _output.ResetWrittenCount();
            Write("QUIT\r\n"u8);
            await FlushAsync(cancellationToken);
            await ReadReplyAsync(null, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private Task CommandAsync(ReadOnlySpan<byte> command, int expectedCode, string name, CancellationToken cancellationToken)
    {
        _output.Write(command);
        return ExpectCodeAsync(expectedCode, name, cancellationToken);
    }

    private async Task ExpectCodeAsync(int expectedCode, string name, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        var reply = await ReadReplyAsync(null, cancellationToken);
        if (reply.Code != expectedCode)
        {
            throw new IOException($"The SMTP server answered {name} with {reply.Code}: {reply.Text}");
        }
    }

    private void WriteDotStuffed(ReadOnlySpan<byte> content)
    {
        if (!content.IsEmpty && content[0] == '.')
        {
            Write("."u8);
        }

        var rest = content;
        int lineStart;
        while ((lineStart = rest.IndexOf("\n."u8)) >= 0)
        {
            Write(rest[..(lineStart + 1)]);
            Write("."u8);
            rest = rest[(lineStart + 1)..];
        }

        Write(rest);
        if (!content.EndsWith("\r\n"u8))
        {
            Write("\r\n"u8);
        }

        Write(".\r\n"u8);
    }

    private void Write(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    private void WriteAscii(string text)
    {
        var span = _output.GetSpan(text.Length);
        _output.Advance(Encoding.ASCII.GetBytes(text, span));
    }

    private void WriteCommand(string verb, string argument, string end = "")
    {
        WriteAscii(verb);
        WriteAscii(argument);
        WriteAscii(end);
        Write("\r\n"u8);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_output.WrittenMemory, cancellationToken);
        _output.ResetWrittenCount();
    }

    /// <summary>Reads one reply, multi-line or not. Keeps the text only for failures, and each line when asked.</summary>
    private async ValueTask<SmtpReply> ReadReplyAsync(List<string>? lines, CancellationToken cancellationToken)
    {
        var code = -1;
        StringBuilder? text = null;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = _input.AsSpan(_inputStart, _inputEnd - _inputStart).IndexOf((byte)'\n')) < 0)
            {
                await FillAsync(cancellationToken);
            }

            var line = _input.AsSpan(_inputStart, lineEnd);
            _inputStart += lineEnd + 1;
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            if (line.Length < 3 || !IsDigit(line[0]) || !IsDigit(line[1]) || !IsDigit(line[2]) || (line.Length > 3 && line[3] is not ((byte)' ' or (byte)'-')))
            {
                IsUsable = false;
                throw new IOException("The SMTP server sent a malformed reply.");
            }

            var lineCode = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
            if (code < 0)
            {
                code = lineCode;
            }

            var content = line.Length > 4 ? line[4..] : [];
            if (lines is not null)
            {
                lines.Add(Encoding.ASCII.GetString(content));
            }

            if (code >= 400)
            {
                text ??= new StringBuilder();
                text.Append(text.Length > 0 ? " " : "").Append(Encoding.ASCII.GetString(content));
            }

            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, text?.ToString() ?? "");
            }
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_inputStart > 0)
        {
            _input.AsSpan(_inputStart, _inputEnd - _inputStart).CopyTo(_input);
            _inputEnd -= _inputStart;
            _inputStart = 0;
        }

        if (_inputEnd == _input.Length)
        {
            IsUsable = false;
            throw new IOException("The SMTP server sent a reply line longer than 4096 bytes.");
        }

        var read = await _stream.ReadAsync(_input.AsMemory(_inputEnd), cancellationToken);
        if (read == 0)
        {
            IsUsable = false;
            throw new IOException("The SMTP server closed the connection.");
        }

        _inputEnd += read;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

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
        IsUsable = false;
        _stream.Dispose();
        _socket.Dispose();
    }

    private readonly record struct SmtpReply(int Code, string Text);
}
