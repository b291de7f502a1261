using System.Diagnostics;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Benchmarks.Notifications;

/// <summary>
/// The built portal running as a sending node, as operators deploy one: Production, dispatcher on, web on a free
/// loopback port. It runs until disposed (killed: by then every outcome is committed); its peak memory is sampled
/// and the end of what it said is kept for failure messages.
/// </summary>
internal sealed class SendingNode : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly PeakMemory _memory = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private readonly Task _watching;
    private bool _disposed;

    private SendingNode(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _watching = _memory.WatchAsync(_process.Id, _stopWatching.Token);
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>VmHWM, in MiB.</summary>
    public double PeakMiB => _memory.HighWaterMiB;

    /// <summary>The last lines the node wrote (warnings and errors only at the level it runs with).</summary>
    public string LastLines
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join(" | ", _lastLines);
            }
        }
    }

    /// <param name="environment">Settings as environment variables (<c>Section__Key</c>), on top of Production's.</param>
    public static SendingNode Start(IReadOnlyDictionary<string, string?> environment) =>
        new(new Process { StartInfo = PortalProcess.StartInfo(environment) });

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        await _stopWatching.CancelAsync();
        await _watching;
        _stopWatching.Dispose();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line.Length > 500 ? line[..500] + "…" : line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
