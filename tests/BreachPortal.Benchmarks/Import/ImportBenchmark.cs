using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BreachPortal.Benchmarks.Infrastructure;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Synthetic;
using static System.FormattableString;

namespace BreachPortal.Benchmarks.Import;

/// <summary>
/// The registry import as an operator runs it (<c>dotnet BreachPortal.Web.dll import</c>, a process on its own),
/// on a synthetic extract, against <c>psql \copy</c> of the same file into a plain table of text columns on the
/// same server: the fastest PostgreSQL can take the file in, with no validation, index, encryption or merge.
/// Then a second extract of as many rows, half of them people already imported, into the filled registry: the merge
/// through staging, measured for its rate against the first. Targets (issue #23): at least 100,000 rows/s, at most
/// 10 times psql's time, under 400 MB and the same at any size.
/// </summary>
internal static partial class ImportBenchmark
{
    public const string Usage = "import [--people N] [--bad-rows F] [--keep]";

    private const string Incident = "FT-2024-03";
    private const long DefaultPeople = 1_000_000;
    private const double DefaultBadRows = 0.01;
    private const string CopyTable = "extract_copy";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (Parse(arguments) is not { } options)
        {
            return await BenchmarkRun.UsageErrorAsync(Usage, $"defaults: --people {DefaultPeople} --bad-rows {DefaultBadRows.ToString(CultureInfo.InvariantCulture)}");
        }

        await using var run = BenchmarkRun.Start(options.Keep);
        var work = run.Work;
        Note(Invariant($"generating {options.People:N0} people ({options.BadRows:P1} broken) in {work}"));
        var extract = Path.Combine(work, "extract.csv");
        var generating = Stopwatch.StartNew();
        SyntheticRegistrySummary summary;
        await using (var file = new FileStream(extract, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            summary = await SyntheticRegistry.WriteAsync(file, new SyntheticRegistryOptions { People = options.People, BadRowFraction = options.BadRows }, cancellationToken);
        }

        Note(Invariant($"  {MiB(summary.Bytes):N1} MiB in {generating.Elapsed.TotalSeconds:N1} s: good={summary.GoodRows:N0} rejects={summary.RejectedRows:N0} duplicates={summary.DuplicateRows:N0}"));

        var postgres = await run.StartPostgresAsync(cancellationToken);
        var portalDatabase = await postgres.CreateDatabaseAsync("bp_bench", cancellationToken);
        var copyDatabase = await postgres.CreateDatabaseAsync("bp_copy", cancellationToken);
        var environment = PortalEnvironment(postgres.ConnectionString(portalDatabase));

        Note("migrating and seeding the incidents with the portal's own verbs (Release build)");
        await PortalAsync(environment, "migrate", cancellationToken);
        await PortalAsync(environment, "seed-demo", cancellationToken);

        var ours = await ImportAsync(postgres, environment, extract, summary.Rows, Expected(summary.GoodRows, summary.RejectedRows, summary.DuplicateRows), cancellationToken);
        var reference = await CopyAsync(postgres, copyDatabase, work, extract, summary, cancellationToken);
        var second = await SecondExtractAsync(postgres, environment, work, options, cancellationToken);

        var seconds = ours.Elapsed.TotalSeconds;
        var rate = (long)Math.Round(summary.Rows / seconds);
        var ratio = seconds / reference.Elapsed.TotalSeconds;
        var peakMiB = (long)Math.Round(ours.PeakMiB);
        Console.WriteLine();
        Console.WriteLine(Invariant($"people          {summary.Rows:N0} ({summary.BrokenRows:N0} broken rows)"));
        Console.WriteLine(Invariant($"file            {MiB(summary.Bytes):N1} MiB"));
        Console.WriteLine(Invariant($"portal import   {seconds:N2} s  ({ours.SummaryLine})"));
        Console.WriteLine(Invariant($"rows/s          {rate:N0}"));
        Console.WriteLine(Invariant($"psql \\copy      {reference.Elapsed.TotalSeconds:N2} s  ({reference.Rows:N0} rows, {reference.Dropped:N0} left out: rows COPY refuses)"));
        Console.WriteLine(Invariant($"ratio           {ratio:N2} (portal / psql \\copy)"));
        Console.WriteLine(Invariant($"peak RSS        {peakMiB:N0} MB (VmHWM of the import process)"));
        var secondRate = (long)Math.Round(second.Rows / second.Run.Elapsed.TotalSeconds);
        Console.WriteLine(Invariant($"second extract  {second.Run.Elapsed.TotalSeconds:N2} s  ({second.Rows:N0} rows, {second.Known:N0} of them already in the registry of {summary.GoodRows:N0}: {second.Run.SummaryLine})"));
        Console.WriteLine(Invariant($"  rows/s        {secondRate:N0} ({(double)secondRate / rate:P0} of the first), peak RSS {second.Run.PeakMiB:N0} MB"));
        run.KeepIfAsked(portalDatabase);
        Console.WriteLine(Invariant($"RESULT name=import rate={rate} ratio={ratio:F2} peak_rss_mb={peakMiB} second_rate={secondRate}"));
        return Benchmark.Success;
    }

    private sealed record Options(long People, double BadRows, bool Keep);

    internal sealed record ImportRun(TimeSpan Elapsed, double PeakMiB, string SummaryLine);

    private sealed record CopyRun(TimeSpan Elapsed, long Rows, long Dropped);

    private sealed record SecondRun(ImportRun Run, long Rows, long Known);

    /// <summary>
    /// A later extract of the same registry into the filled one: as many rows as the first, the second half of the
    /// first file's people again (already in the incident: duplicates) then as many new people. Its broken rows of the
    /// first file come back mended, as new people.
    /// </summary>
    private static async Task<SecondRun> SecondExtractAsync(
        BenchmarkPostgres postgres, IReadOnlyDictionary<string, string?> environment, string work, Options options, CancellationToken cancellationToken)
    {
        var firstIndex = options.People / 2;
        var extract = Path.Combine(work, "extract-2.csv");
        await using (var file = new FileStream(extract, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await SyntheticRegistry.WriteAsync(file, new SyntheticRegistryOptions { People = options.People, FirstIndex = firstIndex }, cancellationToken);
        }

        // Broken rows fall at even intervals (SyntheticPeopleGenerator.BrokenKindAt): those of the repeated half.
        var brokenBefore = (long)Math.Floor(options.People * options.BadRows) - (long)Math.Floor(firstIndex * options.BadRows);
        var known = options.People - firstIndex - brokenBefore;
        Note(Invariant($"second extract: {options.People:N0} rows, the last {options.People - firstIndex:N0} people of the first file again, then new people"));
        var run = await ImportAsync(postgres, environment, extract, options.People, Expected(options.People - known, 0, known), cancellationToken);
        return new SecondRun(run, options.People, known);
    }

    private static string Expected(long imported, long rejected, long duplicates) =>
        Invariant($"imported={imported} rejected={rejected} duplicates={duplicates}");

    internal static async Task<ImportRun> ImportAsync(
        BenchmarkPostgres postgres, IReadOnlyDictionary<string, string?> environment, string extract, long rows, string expected, CancellationToken cancellationToken)
    {
        await postgres.CheckpointAsync(cancellationToken);
        Note("timing: dotnet BreachPortal.Web.dll import");
        var memory = new PeakMemory();
        var run = await ChildProcess.RunAsync(
            PortalProcess.StartInfo(environment, "import", "--incident", Incident, "--file", extract),
            TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(rows / 5_000.0),
            cancellationToken,
            memory.WatchAsync);
        if (run.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"the import failed ({run.Describe()}).");
        }

        if (!string.Equals(run.LastLine, expected, StringComparison.Ordinal))
        {
            throw new BenchmarkFailedException($"the import says '{run.LastLine}' where the generated file implies '{expected}'.");
        }

        Note(Invariant($"  {run.Elapsed.TotalSeconds:N2} s, {run.LastLine}"));
        foreach (var step in run.Output.Split('\n').Where(line => line.Contains(" took ", StringComparison.Ordinal)))
        {
            // The importer's own account of where the time went: staging (read, validate, seal, COPY), then each merge statement.
            Note("    " + step[(step.IndexOf(": ", StringComparison.Ordinal) + 2)..].Trim());
        }

        return new ImportRun(run.Elapsed, memory.HighWaterMiB, run.LastLine);
    }

    private static async Task<CopyRun> CopyAsync(
        BenchmarkPostgres postgres, string database, string work, string extract, SyntheticRegistrySummary summary, CancellationToken cancellationToken)
    {
        var file = extract;
        var (rows, dropped) = (summary.Rows, 0L);
        if (summary.BrokenRowsOf(BrokenRowKind.ExtraField) + summary.BrokenRowsOf(BrokenRowKind.WrongEncoding) > 0)
        {
            file = Path.Combine(work, "extract-copyable.csv");
            (rows, dropped) = CopyableExtract.Write(extract, file, SyntheticRegistry.Columns.Count, cancellationToken);
        }

        await postgres.ExecuteAsync(database, $"CREATE TABLE {CopyTable} ({string.Join(", ", SyntheticRegistry.Columns.Select(c => c + " text"))})", cancellationToken);
        await postgres.CheckpointAsync(cancellationToken);
        Note(@"timing: psql \copy");
        var run = await ChildProcess.RunAsync(
            postgres.Psql(database, $@"\copy {CopyTable} FROM '{file.Replace("'", "''", StringComparison.Ordinal)}' WITH (FORMAT csv, HEADER, DELIMITER ';')"),
            TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(summary.Rows / 20_000.0),
            cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"psql \\copy failed ({run.Describe()}).");
        }

        if (CopyCount().Match(run.LastLine) is not { Success: true } copied
            || long.Parse(copied.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) != rows)
        {
            throw new BenchmarkFailedException(Invariant($"psql \\copy says '{run.LastLine}' where {rows} rows were expected."));
        }

        Note(Invariant($"  {run.Elapsed.TotalSeconds:N2} s, {run.LastLine}"));
        return new CopyRun(run.Elapsed, rows, dropped);
    }

    private static async Task PortalAsync(IReadOnlyDictionary<string, string?> environment, string verb, CancellationToken cancellationToken)
    {
        var run = await ChildProcess.RunAsync(PortalProcess.StartInfo(environment, verb), TimeSpan.FromMinutes(2), cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"{verb} failed ({run.Describe()}).");
        }

        Note($"  {run.LastLine}");
    }

    /// <summary>What a production deployment sets, with fresh keys: nothing of this run is kept.</summary>
    private static Dictionary<string, string?> PortalEnvironment(string connectionString) =>
        new(PortalSetup.ProductionEnvironment(connectionString), StringComparer.Ordinal)
        {
            // The importer's few lines per run say where the time went (the test default keeps warnings only).
            ["Serilog__MinimumLevel__Default"] = "Information",
        };

    private static Options? Parse(IReadOnlyList<string> arguments)
    {
        var given = new BenchmarkArguments(arguments);
        var options = new Options(given.Whole("--people", DefaultPeople, 1, SyntheticRegistry.MaxPeople), given.Fraction("--bad-rows", DefaultBadRows), given.Flag("--keep"));
        return given.Understood ? options : null;
    }

    private static double MiB(long bytes) => bytes / (1024.0 * 1024.0);

    private static void Note(string message) => Console.WriteLine(message);

    [GeneratedRegex(@"^COPY (\d+)$")]
    private static partial Regex CopyCount();
}
