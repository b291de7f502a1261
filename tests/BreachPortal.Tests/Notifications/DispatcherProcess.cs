using System.Diagnostics;
using System.Text;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Notifications;

/// <summary>
/// The built portal run as a sending node (Production, dispatcher on, web on a free loopback port), so that a test
/// can SIGKILL it mid-campaign or run two of them against one database.
/// </summary>
internal sealed class DispatcherProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DispatcherProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static DispatcherProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var environment = ProductionSettings.AsEnvironment(settings);
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var start = PortalProcess.StartInfo(environment);
        var process = new Process { StartInfo = start };
        var running = new DispatcherProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown, no last commit.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
