using System.Diagnostics;

namespace BreachPortal.Benchmarks.Infrastructure;

public sealed record ChildRun(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public string LastLine => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    /// <summary>What a failure message needs: the exit code and the end of what the process said.</summary>
    public string Describe()
    {
        var said = string.Join(" | ", new[] { Error.Trim(), Output.Trim() }.Where(s => s.Length > 0));
        return $"exit code {ExitCode}: {(said.Length > 2000 ? "…" + said[^2000..] : said)}";
    }
}

/// <summary>
/// Runs a process to its end, timed by the wall clock, killed (with its children) on timeout or cancellation.
/// A <c>watch</c> runs beside it with its id until it ends (memory sampling).
/// </summary>
public static class ChildProcess
{
    public static async Task<ChildRun> RunAsync(
        ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken, Func<int, CancellationToken, Task>? watch = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchmarkFailedException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var stopWatching = new CancellationTokenSource();
        var watching = watch?.Invoke(process.Id, stopWatching.Token) ?? Task.CompletedTask;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            clock.Stop();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new BenchmarkFailedException(
                $"{Path.GetFileName(start.FileName)} {string.Join(' ', start.ArgumentList.Take(4))}… did not finish within {timeout:g} and was stopped.");
        }
        finally
        {
            await stopWatching.CancelAsync();
            await watching;
        }

        return new ChildRun(process.ExitCode, await output, await error, clock.Elapsed);
    }
}
