using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// A minimal SMTP receiver on 127.0.0.1 that keeps each message's raw DATA (dots unstuffed), for tests of what goes
/// on the wire. With <c>pipelining</c> it announces PIPELINING and, as RFC 2920 allows, holds its reply to MAIL until
/// the next command arrives: a client that waits for that reply before sending RCPT never gets one. Without
/// <c>esmtp</c> it refuses EHLO, as an old server would, and only HELO works.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly bool _pipelining;
    private readonly bool _esmtp;
    private readonly Task _loop;

    public TestSmtpServer(bool pipelining = false, bool esmtp = true)
    {
        _pipelining = pipelining;
        _esmtp = esmtp;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<string> Messages { get; } = [];

    /// <summary>Every command line received, in order (not the message content).</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Keep each message and command line; turn off for long benchmarks (<see cref="OnMessage"/> is still called).</summary>
    public bool RecordMessages { get; set; } = true;

    /// <summary>
    /// Called at the end of each message's DATA with its accepted recipients (as written, without angle brackets) and
    /// the <see cref="Stopwatch"/> timestamp of that moment: what a latency benchmark times arrivals with.
    /// </summary>
    public Action<IReadOnlyList<string>, long>? OnMessage { get; set; }

    /// <summary>The reply to RCPT TO for some addresses, such as "550 5.1.1 &lt;x@example.test&gt;: Recipient address rejected".</summary>
    public ConcurrentDictionary<string, string> RecipientReplies { get; } = new(StringComparer.OrdinalIgnoreCase);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _sessions.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = false };
            await writer.WriteLineAsync("220 test-smtp ready");
            await writer.FlushAsync(_stop.Token);
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (RecordMessages)
                {
                    Commands.Enqueue(line);
                }

                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" when _esmtp:
                        await writer.WriteLineAsync(_pipelining ? "250-test-smtp\r\n250-PIPELINING\r\n250 8BITMIME" : "250-test-smtp\r\n250 8BITMIME");
                        break;
                    case "MAIL":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 ok");
                        break;
                    case "RCPT":
                        var address = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.LastIndexOf('>')];
                        if (RecipientReplies.TryGetValue(address, out var reply))
                        {
                            await writer.WriteLineAsync(reply);
                        }
                        else
                        {
                            recipients.Add(address);
                            await writer.WriteLineAsync("250 2.1.5 ok");
                        }

                        break;
                    case "DATA" when recipients.Count == 0:
                        await writer.WriteLineAsync("554 5.5.1 no valid recipients");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with .");
                        await writer.FlushAsync(_stop.Token);
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        OnMessage?.Invoke(recipients, Stopwatch.GetTimestamp());
                        if (RecordMessages)
                        {
                            lock (Messages)
                            {
                                Messages.Add(data.ToString());
                            }
                        }

                        await writer.WriteLineAsync("250 2.0.0 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        await writer.FlushAsync(_stop.Token);
                        return;
                    default:
                        await writer.WriteLineAsync(verb is "HELO" or "RSET" or "NOOP" ? "250 ok" : "502 5.5.2 not implemented");
                        break;
                }

                if (!_pipelining || verb is not "MAIL")
                {
                    await writer.FlushAsync(_stop.Token);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }
}
