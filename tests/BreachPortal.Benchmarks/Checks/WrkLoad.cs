using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Tests.Infrastructure;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Checks;

/// <summary>
/// What wrk sends: GET the address as it is, or POST form bodies taken in turn. A response counts as unexpected when
/// its status is not <paramref name="ExpectedStatus"/> or its body holds <paramref name="ForbiddenMarker"/>.
/// </summary>
internal sealed record LoadTarget(Uri Url, IReadOnlyList<string> FormBodies, string? Cookie, int ExpectedStatus, string? ForbiddenMarker);

/// <summary>What wrk measured (its own latency histogram, in microseconds) and the CPU time it used.</summary>
internal sealed record LoadRun(long Requests, TimeSpan Duration, double P50Ms, double P90Ms, double P99Ms, double MaxMs, long SocketErrors, long Unexpected, string? FirstUnexpected, TimeSpan WrkCpu)
{
    public double Rate => Requests / Duration.TotalSeconds;
}

/// <summary>
/// wrk on loopback, driven by a generated Lua script: <c>request()</c> cycles through the bodies, <c>response()</c>
/// counts what was not expected, and <c>done()</c> prints one line of figures this class reads back.
/// </summary>
internal static partial class WrkLoad
{
    public const string Executable = "/usr/bin/wrk";

    /// <summary>Nothing is installed behind the operator's back: without wrk the benchmark says what to run.</summary>
    public static async Task<bool> PresentAsync(string benchmark)
    {
        if (File.Exists(Executable))
        {
            return true;
        }

        await Console.Error.WriteLineAsync($"{benchmark}: {Executable} missing; it comes with Debian's wrk package:");
        await Console.Error.WriteLineAsync("  sudo apt-get install --no-install-recommends wrk");
        return false;
    }

    public static async Task<LoadRun> RunAsync(LoadTarget target, string work, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!target.Url.IsLoopback)
        {
            throw new BenchmarkFailedException($"wrk is only pointed at this machine, not at {target.Url.Host}.");
        }

        var script = Path.Combine(work, $"wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(target), new UTF8Encoding(false), cancellationToken);
        try
        {
            var start = ProcessRunner.StartInfo(
                Executable,
                ["-t", Num(threads), "-c", Num(connections), "-d", Invariant($"{duration.TotalSeconds:F0}s"), "--timeout", "10s", "-s", script, target.Url.AbsoluteUri],
                work);
            var reapedBefore = CpuUsage.OfReapedChildren(Environment.ProcessId);
            var run = await ChildProcess.RunAsync(start, duration + TimeSpan.FromSeconds(30), cancellationToken);
            var cpu = CpuUsage.OfReapedChildren(Environment.ProcessId) - reapedBefore;
            if (run.ExitCode != 0 || Figures().Match(run.Output) is not { Success: true } figures)
            {
                throw new BenchmarkFailedException($"wrk gave no figures ({run.Describe()}).");
            }

            long Field(string name) => long.Parse(figures.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            var first = FirstUnexpected().Match(run.Output);
            return new LoadRun(
                Field("requests"),
                TimeSpan.FromMicroseconds(Field("duration")),
                Field("p50") / 1_000.0,
                Field("p90") / 1_000.0,
                Field("p99") / 1_000.0,
                Field("max") / 1_000.0,
                Field("connect") + Field("read") + Field("write") + Field("timeout"),
                Field("unexpected"),
                first.Success ? first.Groups[1].Value : null,
                cpu);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Script(LoadTarget target)
    {
        var lua = new StringBuilder();
        lua.AppendLine("-- Written by the check benchmark for one wrk run.");
        lua.AppendLine(Invariant($"local expected = {target.ExpectedStatus}"));
        lua.Append("local forbidden = ").AppendLine(target.ForbiddenMarker is { } marker ? Quote(marker) : "nil");
        if (target.Cookie is { } cookie)
        {
            lua.Append("wrk.headers[\"Cookie\"] = ").AppendLine(Quote(cookie));
        }

        if (target.FormBodies.Count > 0)
        {
            lua.AppendLine("wrk.method = \"POST\"");
            lua.AppendLine("wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"");
            lua.AppendLine("local bodies = {");
            foreach (var body in target.FormBodies)
            {
                lua.Append("  ").Append(Quote(body)).AppendLine(",");
            }

            lua.AppendLine("}");
            lua.AppendLine("""
                function request()
                  position = position + 1
                  return wrk.format(nil, nil, nil, bodies[(position % #bodies) + 1])
                end
                """);
        }

        lua.AppendLine("""
            local threads = {}
            local created = 0

            function setup(thread)
              thread:set("id", created)
              created = created + 1
              table.insert(threads, thread)
            end

            function init(args)
              -- Threads start far apart in the list, so that they do not send the same body at the same time.
              position = id * 7919
              unexpected = 0
              first_unexpected = ""
            end

            function response(status, headers, body)
              if status ~= expected or (forbidden ~= nil and body ~= nil and string.find(body, forbidden, 1, true) ~= nil) then
                unexpected = unexpected + 1
                if first_unexpected == "" then
                  first_unexpected = status .. " " .. string.sub(body or "", 1, 600)
                end
              end
            end

            function done(summary, latency, requests)
              local total, first = 0, ""
              for _, thread in ipairs(threads) do
                total = total + thread:get("unexpected")
                if first == "" then first = thread:get("first_unexpected") or "" end
              end
              local e = summary.errors
              io.write(string.format("WRK requests=%.0f duration=%.0f p50=%.0f p90=%.0f p99=%.0f max=%.0f connect=%.0f read=%.0f write=%.0f timeout=%.0f unexpected=%.0f\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
                e.connect, e.read, e.write, e.timeout, total))
              if first ~= "" then
                io.write("WRK-FIRST-UNEXPECTED " .. (string.gsub(first, "%s+", " ")) .. "\n")
              end
            end
            """);
        return lua.ToString();
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^WRK requests=(?<requests>\d+) duration=(?<duration>\d+) p50=(?<p50>\d+) p90=(?<p90>\d+) p99=(?<p99>\d+) max=(?<max>\d+) connect=(?<connect>\d+) read=(?<read>\d+) write=(?<write>\d+) timeout=(?<timeout>\d+) unexpected=(?<unexpected>\d+)$", RegexOptions.Multiline)]
    private static partial Regex Figures();

    [GeneratedRegex(@"^WRK-FIRST-UNEXPECTED (.*)$", RegexOptions.Multiline)]
    private static partial Regex FirstUnexpected();
}
