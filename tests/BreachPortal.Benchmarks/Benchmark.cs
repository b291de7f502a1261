namespace BreachPortal.Benchmarks;

/// <summary>One benchmark: the first argument names it, the others are its own.</summary>
internal sealed record Benchmark(string Name, string Usage, Func<IReadOnlyList<string>, CancellationToken, Task<int>> RunAsync)
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;
}

/// <summary>The run cannot give a figure worth printing: a step failed, or its result is not what the input implies.</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
