namespace BreachPortal.Benchmarks.Infrastructure;

/// <summary>
/// What a benchmark's run holds: a work folder and, once started, its PostgreSQL. Both are removed when the run ends,
/// unless it asked to keep them (<c>--keep</c>) and got as far as <see cref="KeepIfAsked"/>: a failed run leaves nothing.
/// </summary>
internal sealed class BenchmarkRun : IAsyncDisposable
{
    private readonly bool _keepAsked;
    private BenchmarkPostgres? _postgres;
    private bool _kept;

    private BenchmarkRun(string work, bool keepAsked)
    {
        Work = work;
        _keepAsked = keepAsked;
    }

    public string Work { get; }

    public static BenchmarkRun Start(bool keep) => new(Directory.CreateTempSubdirectory("breachportal-bench-").FullName, keep);

    /// <summary>The usage line and the defaults on standard error, and the exit code that says the command line was wrong.</summary>
    public static async Task<int> UsageErrorAsync(string usage, string defaults)
    {
        await Console.Error.WriteLineAsync($"usage: {usage}  ({defaults})");
        return Benchmark.UsageError;
    }

    public async Task<BenchmarkPostgres> StartPostgresAsync(CancellationToken cancellationToken)
    {
        Note("starting PostgreSQL");
        _postgres = await BenchmarkPostgres.StartAsync(cancellationToken);
        Note($"  {_postgres.Description}");
        return _postgres;
    }

    /// <summary>With <c>--keep</c>, says where the work folder and the portal database are, and keeps both.</summary>
    public void KeepIfAsked(string database)
    {
        if (_keepAsked)
        {
            var postgres = _postgres ?? throw new InvalidOperationException("PostgreSQL has not started.");
            Console.WriteLine($"kept            {Work}; portal database {postgres.Whereabouts(database)}");
            _kept = true;
        }
    }

    private static void Note(string message) => Console.WriteLine(message);

    public async ValueTask DisposeAsync()
    {
        if (_kept)
        {
            return;
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(Work, recursive: true);
    }
}
