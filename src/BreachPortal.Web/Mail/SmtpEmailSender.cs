using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Mail;

/// <summary>
/// Sends over SMTP with MailKit through a pool of up to Email:Smtp:MaxConnections sessions with the relay, each reused
/// for many messages (pipelined when the relay allows). Safe for any number of concurrent callers: beyond the pool
/// size they wait for a session. A singleton; disposing it says QUIT on every idle session.
/// </summary>
public sealed partial class SmtpEmailSender : IEmailSender, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(2);

    private readonly SmtpOptions _smtp;
    private readonly MimeMessageBuilder _builder;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<SmtpSession> _idle = new();
    private readonly TimeSpan _timeout;
    private readonly string _heloName;
    private int _connectionsOpened;
    private volatile bool _disposed;

    public SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider time, ILogger<SmtpEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _smtp = settings.Smtp;
        _builder = new MimeMessageBuilder(settings, time);
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, _smtp.MaxConnections));
        _timeout = TimeSpan.FromSeconds(Math.Max(1, _smtp.TimeoutSeconds));
        _heloName = string.IsNullOrWhiteSpace(_smtp.HeloName) ? Dns.GetHostName() : _smtp.HeloName.Trim();
    }

    /// <summary>Sessions opened since start, for tests of the pool.</summary>
    internal int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var mime = _builder.Build(message);
        var recipient = mime.To.Mailboxes.Single();
        await _slots.WaitAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_timeout);
            var retried = false;
            while (true)
            {
                SmtpSession? connection = null;
                var reused = false;
                try
                {
                    (connection, reused) = await RentAsync(deadline.Token);
                    await connection.SendAsync(MimeMessageBuilder.Format, mime, _builder.EnvelopeFrom, recipient, deadline.Token);
                    await ReturnAsync(connection);
                    return;
                }
                catch (Exception exception) when (exception is EmailRejectedException or ArgumentException && connection is { IsUsable: true })
                {
                    await ReturnAsync(connection);
                    throw;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Discard(connection, "timeout");
                    throw new TimeoutException($"The SMTP server {_smtp.Host}:{_smtp.Port} did not answer within {_timeout.TotalSeconds:0} s.");
                }
                catch (Exception exception) when (reused && !retried && !connection!.SenderAccepted
                    && exception is IOException or EmailRejectedException { ReplyCode: 421 })
                {
                    // A pooled session the relay had given up on; nothing of this message was sent, so a fresh one may.
                    Discard(connection, exception.GetType().Name);
                    retried = true;
                }
                catch (Exception exception)
                {
                    Discard(connection, exception.GetType().Name);
                    throw;
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<(SmtpSession Connection, bool Reused)> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryPop(out var idle))
        {
            if (!idle.IsStale)
            {
                return (idle, true);
            }

            Discard(idle, "closed by the server while idle");
        }

        try
        {
            var connection = await SmtpSession.OpenAsync(_smtp, _heloName, _timeout, cancellationToken);
            Interlocked.Increment(ref _connectionsOpened);
            LogConnectionOpened(_logger, _smtp.Host, _smtp.Port, connection.IsEncrypted, connection.Pipelining);
            return (connection, false);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            LogConnectionFailed(_logger, _smtp.Host, _smtp.Port, exception.Message);
            throw;
        }
    }

    private async Task ReturnAsync(SmtpSession connection)
    {
        if (!_disposed && connection.IsUsable && connection.MessagesSent < _smtp.MaxMessagesPerConnection)
        {
            _idle.Push(connection);
            if (!_disposed || !_idle.TryPop(out var late))
            {
                return;
            }

            connection = late;
        }

        await QuitAsync(connection);
    }

    private static async Task QuitAsync(SmtpSession connection)
    {
        using var timeout = new CancellationTokenSource(QuitTimeout);
        await connection.QuitAsync(timeout.Token);
        connection.Dispose();
    }

    private void Discard(SmtpSession? connection, string reason)
    {
        if (connection is null)
        {
            return;
        }

        LogConnectionDiscarded(_logger, _smtp.Host, _smtp.Port, reason);
        connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection))
        {
            await QuitAsync(connection);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
    }

    [LoggerMessage(EventId = 5901, EventName = "SmtpConnectionOpened", Level = LogLevel.Debug, Message = "SMTP session opened with {Host}:{Port} (TLS: {Tls}, pipelining: {Pipelining}).")]
    private static partial void LogConnectionOpened(ILogger logger, string host, int port, bool tls, bool pipelining);

    [LoggerMessage(EventId = 5902, EventName = "SmtpConnectionFailed", Level = LogLevel.Warning, Message = "SMTP session with {Host}:{Port} could not be opened: {Error}")]
    private static partial void LogConnectionFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(EventId = 5903, EventName = "SmtpConnectionDiscarded", Level = LogLevel.Debug, Message = "SMTP session with {Host}:{Port} dropped ({Reason}).")]
    private static partial void LogConnectionDiscarded(ILogger logger, string host, int port, string reason);
}
