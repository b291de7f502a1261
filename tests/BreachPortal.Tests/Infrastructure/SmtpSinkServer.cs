using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// Postfix's smtp-sink (/usr/sbin/smtp-sink, Debian package postfix) on 127.0.0.1: a fast real SMTP server that
/// advertises PIPELINING and throws messages away, counting them. It can be told to refuse commands, and be stopped
/// and started again on the same port to test a relay that goes away.
/// </summary>
public sealed partial class SmtpSinkServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/smtp-sink";

    private readonly SmtpSinkSettings _settings;
    private readonly string? _dumpDirectory;
    private readonly Lock _gate = new();
    private Process? _process;
    private int _countedBefore;
    private int _countedNow;

    private SmtpSinkServer(SmtpSinkSettings settings, int port)
    {
        _settings = settings;
        Port = port;
        if (settings.Dump)
        {
            _dumpDirectory = Directory.CreateTempSubdirectory("bp-smtp-sink-").FullName;

            // smtp-sink writes its dump files as nobody when started by root.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_dumpDirectory, (UnixFileMode)0b111_111_111);
            }
        }
    }

    public int Port { get; }

    /// <summary>Messages whose final "." smtp-sink received (accepted or refused), over every start of this server.</summary>
    public int ReceivedCount
    {
        get
        {
            lock (_gate)
            {
                return _countedBefore + _countedNow;
            }
        }
    }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts smtp-sink on a free port and waits until it accepts connections.</summary>
    public static async Task<SmtpSinkServer> StartAsync(SmtpSinkSettings? settings = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's postfix package (tools/test does).");
        }

        var server = new SmtpSinkServer(settings ?? new SmtpSinkSettings(), FreePort());
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts smtp-sink again on the same port after <see cref="Stop"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var arguments = new List<string> { "-c" };
        if (Environment.UserName == "root")
        {
            arguments.AddRange(["-u", "nobody"]);
        }

        if (!_settings.Pipelining)
        {
            arguments.Add("-p");
        }

        AddCommands(arguments, "-r", _settings.SoftReject);
        AddCommands(arguments, "-f", _settings.HardReject);
        AddCommands(arguments, "-Q", _settings.Reply421);
        AddCommands(arguments, "-q", _settings.Disconnect);
        if (_dumpDirectory is not null)
        {
            arguments.AddRange(["-d", Path.Combine(_dumpDirectory, "%Y%m%d%H%M%S.")]);
        }

        arguments.AddRange(_settings.ExtraArguments);
        arguments.AddRange([$"127.0.0.1:{Port}", "256"]);

        var process = new Process { StartInfo = ProcessRunner.StartInfo(Executable, arguments, Path.GetTempPath()) };
        process.OutputDataReceived += (_, e) => Count(e.Data);
        process.ErrorDataReceived += (_, e) => Count(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smtp-sink exited at once with code {process.ExitCode} ({string.Join(' ', arguments)}).");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
    }

    /// <summary>Kills smtp-sink: open sessions break at once, new connections are refused until <see cref="StartAsync(CancellationToken)"/>.</summary>
    public void Stop()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        process.WaitForExit();
        process.Dispose();
        _process = null;
        lock (_gate)
        {
            _countedBefore += _countedNow;
            _countedNow = 0;
        }
    }

    /// <summary>Waits until smtp-sink has counted at least <paramref name="count"/> messages; false when the time ran out.</summary>
    public async Task<bool> WaitForReceivedAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (ReceivedCount < count)
        {
            if (stopwatch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken);
        }

        return true;
    }

    /// <summary>The messages smtp-sink wrote to disk, oldest first; only with <see cref="SmtpSinkSettings.Dump"/>.</summary>
    public IReadOnlyList<SinkMessage> DumpedMessages()
    {
        if (_dumpDirectory is null)
        {
            throw new InvalidOperationException("Start the sink with SmtpSinkSettings.Dump to keep messages.");
        }

        return [.. new DirectoryInfo(_dumpDirectory).EnumerateFiles()
            .OrderBy(f => f.LastWriteTimeUtc)
            .Select(f => SinkMessage.Parse(File.ReadAllText(f.FullName)))];
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        if (_dumpDirectory is not null)
        {
            Directory.Delete(_dumpDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private void Count(string? output)
    {
        if (output is null)
        {
            return;
        }

        // -c prints "sess=N quit=N mesg=N" each time a counter moves, separated by carriage returns.
        foreach (Match match in MessageCounter().Matches(output))
        {
            var counted = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            lock (_gate)
            {
                _countedNow = Math.Max(_countedNow, counted);
            }
        }
    }

    private static void AddCommands(List<string> arguments, string option, IReadOnlyList<string> commands)
    {
        if (commands.Count > 0)
        {
            arguments.AddRange([option, string.Join(',', commands)]);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"mesg=(\d+)")]
    private static partial Regex MessageCounter();
}

/// <summary>How <see cref="SmtpSinkServer"/> behaves. Command names as smtp-sink knows them: MAIL, RCPT, DATA, ".", RSET…</summary>
public sealed record SmtpSinkSettings
{
    /// <summary>Answer these commands with "450 4.3.0 Error: command failed" (-r). smtp-sink then stops announcing PIPELINING.</summary>
    public IReadOnlyList<string> SoftReject { get; init; } = [];

    /// <summary>Answer these commands with "500 5.3.0 Error: command failed" (-f). smtp-sink then stops announcing PIPELINING.</summary>
    public IReadOnlyList<string> HardReject { get; init; } = [];

    /// <summary>Answer these commands with 421 and disconnect (-Q).</summary>
    public IReadOnlyList<string> Reply421 { get; init; } = [];

    /// <summary>Disconnect without a reply after these commands (-q).</summary>
    public IReadOnlyList<string> Disconnect { get; init; } = [];

    /// <summary>False: do not announce PIPELINING (-p).</summary>
    public bool Pipelining { get; init; } = true;

    /// <summary>Keep each message in a file (-d), for <see cref="SmtpSinkServer.DumpedMessages"/>. Slows the sink down.</summary>
    public bool Dump { get; init; }

    /// <summary>Any other smtp-sink options (see man smtp-sink), such as ["-w", "2"] to wait 2 s before answering DATA.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}

/// <summary>One message as smtp-sink dumped it: its envelope and the message with LF line endings, dots unstuffed.</summary>
public sealed record SinkMessage(string MailFrom, IReadOnlyList<string> Recipients, string Content)
{
    public static SinkMessage Parse(string dump)
    {
        var mailFrom = "";
        var recipients = new List<string>();
        var lines = dump.Split('\n');
        var index = 0;
        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.StartsWith("X-Mail-Args: ", StringComparison.Ordinal))
            {
                mailFrom = line["X-Mail-Args: ".Length..];
            }
            else if (line.StartsWith("X-Rcpt-Args: ", StringComparison.Ordinal))
            {
                recipients.Add(line["X-Rcpt-Args: ".Length..]);
            }
            else if (line.StartsWith("Received: ", StringComparison.Ordinal))
            {
                index++;
                while (index < lines.Length && lines[index].StartsWith('\t'))
                {
                    index++;
                }

                break;
            }
        }

        return new SinkMessage(mailFrom, recipients, string.Join('\n', lines[index..]));
    }
}
