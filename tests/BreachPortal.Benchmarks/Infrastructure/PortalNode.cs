using System.Diagnostics;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Benchmarks.Infrastructure;

/// <summary>
/// The built portal running as a web node, as operators deploy one: Production, web on a loopback port (a sending
/// node when its dispatcher is on). It runs until disposed (killed: by then every outcome is committed); its peak
/// memory is sampled, the address it listens on is read from its start line, and the end of what it said is kept
/// for failure messages.
/// </summary>
internal sealed partial class PortalNode : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly PeakMemory _memory = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private readonly Task _watching;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private PortalNode(Process process)
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

    /// <summary>When that peak was reached, from the node's start.</summary>
    public TimeSpan PeakReachedAt => _memory.ReachedAt;

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
    public static PortalNode Start(IReadOnlyDictionary<string, string?> environment) =>
        new(new Process { StartInfo = PortalProcess.StartInfo(environment) });

    /// <summary>
    /// The first address the node listens on, from its "Now listening on" line (Microsoft.Hosting.Lifetime logs it
    /// at Information whatever the default level); fails when the node stops or says nothing in time.
    /// </summary>
    public async Task<Uri> ListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!_listening.Task.IsCompleted)
        {
            if (_process.HasExited || clock.Elapsed > timeout)
            {
                throw new BenchmarkFailedException(
                    $"the portal {(_process.HasExited ? "stopped" : $"did not listen within {timeout.TotalSeconds:N0} s")}: {LastLines}");
            }

            await Task.Delay(50, cancellationToken);
        }

        return await _listening.Task;
    }

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

        if (!_listening.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
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

    [GeneratedRegex(@"Now listening on: (https?://[^\s""]+)")]
    private static partial Regex ListeningLine();
}
