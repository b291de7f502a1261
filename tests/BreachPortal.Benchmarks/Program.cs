using System.Runtime.InteropServices;
using BreachPortal.Benchmarks;
using BreachPortal.Benchmarks.Checks;
using BreachPortal.Benchmarks.Import;
using BreachPortal.Benchmarks.Notifications;
using BreachPortal.Benchmarks.Scale;

// Each benchmark prints its figures, then last a line "RESULT name=… " with a ratio against a reference measured
// in the same run, on the same machine.
Benchmark[] benchmarks =
[
    new("import", ImportBenchmark.Usage, ImportBenchmark.RunAsync),
    new("email", EmailBenchmark.Usage, EmailBenchmark.RunAsync),
    new("sms", SmsBenchmark.Usage, SmsBenchmark.RunAsync),
    new("check", CheckBenchmark.Usage, CheckBenchmark.RunAsync),
    new("codes", CodeLatencyBenchmark.Usage, CodeLatencyBenchmark.RunAsync),
    new("phones", PhoneParsingBenchmark.Usage, PhoneParsingBenchmark.RunAsync),
    new("scale", ScaleBenchmark.Usage, ScaleBenchmark.RunAsync),
];

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => string.Equals(b.Name, args[0], StringComparison.Ordinal)) : null;
if (chosen is null)
{
    await Console.Error.WriteLineAsync(args.Length > 0 ? $"Unknown benchmark '{args[0]}'. Usage:" : "Usage:");
    foreach (var benchmark in benchmarks)
    {
        await Console.Error.WriteLineAsync($"  dotnet run -c Release --project tests/BreachPortal.Benchmarks -- {benchmark.Usage}");
    }

    return Benchmark.UsageError;
}

using var cancel = new CancellationTokenSource();

// Ctrl+C or a kill stops the benchmark the ordinary way, so that it stops what it started: processes, PostgreSQL, files.
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    cancel.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    return await chosen.RunAsync(args[1..], cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync($"{chosen.Name}: interrupted; what it started is stopped and removed.");
    return Benchmark.Interrupted;
}
catch (BenchmarkFailedException failed)
{
    await Console.Error.WriteLineAsync($"{chosen.Name}: FAILED: {failed.Message}");
    return Benchmark.Failure;
}
