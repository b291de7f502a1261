using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Registry.Synthetic;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Registry.Synthetic;

public sealed class GenerateDemoCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("generate-demo-").FullName;
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RunAsync_PeopleAndOut_WritesTheExtractAndEndsWithTheSummaryLine()
    {
        var path = Path.Combine(_folder, "extract.csv");

        var (exitCode, output) = await RunAsync("--people", "1000", "--out", path);

        Assert.True(exitCode == PortalCommandLine.Success, output);
        Assert.Equal($"generate-demo: wrote 1000 rows (1000 good, 0 broken) to {path}", output.Trim());
        var expected = new MemoryStream();
        await SyntheticRegistry.WriteAsync(expected, new() { People = 1000, Seed = SyntheticRegistryOptions.DefaultSeed }, _cancellationToken);
        Assert.Equal(expected.ToArray(), await File.ReadAllBytesAsync(path, _cancellationToken));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task RunAsync_BadRows_SaysWhatAnImportShouldFind()
    {
        var path = Path.Combine(_folder, "broken.csv");

        var (exitCode, output) = await RunAsync("--people", "1000", "--out", path, "--seed", "9", "--bad-rows", "0.1");

        Assert.Equal(PortalCommandLine.Success, exitCode);
        var lines = output.TrimEnd().Split('\n');
        Assert.Contains("BadNirKey 10, BadEmail 10,", lines[0], StringComparison.Ordinal);
        Assert.Contains("WrongEncoding 10.", lines[0], StringComparison.Ordinal);
        Assert.Equal("generate-demo: an import should add 900 people, reject 90 rows and report 10 duplicates.", lines[1]);
        Assert.Equal($"generate-demo: wrote 1000 rows (900 good, 100 broken) to {path}", lines[^1]);
        var expected = new MemoryStream();
        await SyntheticRegistry.WriteAsync(expected, new() { People = 1000, Seed = 9, BadRowFraction = 0.1 }, _cancellationToken);
        Assert.Equal(expected.ToArray(), await File.ReadAllBytesAsync(path, _cancellationToken));
    }

    [Fact]
    public async Task RunAsync_CommaAndCrLfOptions_WriteThatDialect()
    {
        var path = Path.Combine(_folder, "excel.csv");

        var (exitCode, _) = await RunAsync("--people=10", "--out=" + path, "--delimiter", ",", "--crlf");

        Assert.Equal(PortalCommandLine.Success, exitCode);
        var text = await File.ReadAllTextAsync(path, _cancellationToken);
        Assert.StartsWith("nir,identifiant_ft,nom,", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal(11, text[..^2].Split("\r\n").Length);
    }

    [Fact]
    public async Task RunAsync_ExistingFile_IsReplacedWhole()
    {
        var path = Path.Combine(_folder, "extract.csv");
        await File.WriteAllTextAsync(path, new string('x', 1_000_000), _cancellationToken);

        var (exitCode, _) = await RunAsync("--people", "2", "--out", path);

        Assert.Equal(PortalCommandLine.Success, exitCode);
        Assert.Equal(3, CsvBytes.Read(await File.ReadAllBytesAsync(path, _cancellationToken)).Count);
    }

    [Theory]
    [InlineData("--people is missing", "--out", "x.csv")]
    [InlineData("--people is missing")]
    [InlineData("--people must be a whole number from 0 to 100000000, not '-5'", "--people", "-5", "--out", "x.csv")]
    [InlineData("--people must be a whole number from 0 to 100000000, not 'many'", "--people", "many", "--out", "x.csv")]
    [InlineData("--people must be a whole number from 0 to 100000000, not '100000001'", "--people", "100000001", "--out", "x.csv")]
    [InlineData("--people needs a value", "--out", "x.csv", "--people")]
    [InlineData("--out is missing", "--people", "10")]
    [InlineData("--bad-rows must be a fraction from 0 to 1", "--people", "10", "--out", "x.csv", "--bad-rows", "1.5")]
    [InlineData("--bad-rows must be a fraction from 0 to 1", "--people", "10", "--out", "x.csv", "--bad-rows", "-0.1")]
    [InlineData("--bad-rows must be a fraction from 0 to 1 written with a dot (0.05 for 5 %), not '0,05'", "--people", "10", "--out", "x.csv", "--bad-rows", "0,05")]
    [InlineData("--bad-rows must be a fraction from 0 to 1", "--people", "10", "--out", "x.csv", "--bad-rows", "NaN")]
    [InlineData("--seed must be a whole number, not 'abc'", "--people", "10", "--out", "x.csv", "--seed", "abc")]
    [InlineData("--delimiter must be ';' or ','", "--people", "10", "--out", "x.csv", "--delimiter", "|")]
    [InlineData("unknown option '--rows'", "--rows", "10", "--out", "x.csv")]
    [InlineData("unexpected argument 'extract.csv'", "--people", "10", "extract.csv")]
    [InlineData("--people is given twice", "--people", "10", "--people", "20", "--out", "x.csv")]
    public async Task RunAsync_InvalidArguments_NameTheProblemAndReturnUsageError(string problem, params string[] arguments)
    {
        var relative = arguments.Select(a => a.EndsWith("x.csv", StringComparison.Ordinal) ? Path.Combine(_folder, a) : a).ToArray();

        var (exitCode, output) = await RunAsync(relative);

        Assert.Equal(PortalCommandLine.UsageError, exitCode);
        Assert.StartsWith($"generate-demo: {problem}", output, StringComparison.Ordinal);
        Assert.Contains("usage: generate-demo --people N --out PATH", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task RunAsync_OutInAFolderThatDoesNotExist_ReturnsUsageError()
    {
        var missing = Path.Combine(_folder, "missing");

        var (exitCode, output) = await RunAsync("--people", "10", "--out", Path.Combine(missing, "extract.csv"));

        Assert.Equal(PortalCommandLine.UsageError, exitCode);
        Assert.Contains($"the folder {missing} does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OutIsAFolder_ReturnsUsageError()
    {
        var (exitCode, output) = await RunAsync("--people", "10", "--out", _folder);

        Assert.Equal(PortalCommandLine.UsageError, exitCode);
        Assert.Contains("is a folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FolderThatCannotBeWritten_ReturnsUsageError()
    {
        // Even root cannot create a file in /proc, so this holds whoever runs the tests.
        var (exitCode, output) = await RunAsync("--people", "10", "--out", "/proc/breachportal-extract.csv");

        Assert.Equal(PortalCommandLine.UsageError, exitCode);
        Assert.StartsWith("generate-demo: cannot write in /proc:", output, StringComparison.Ordinal);
        Assert.False(File.Exists("/proc/breachportal-extract.csv"));
    }

    [Fact]
    public async Task RunAsync_Cancelled_LeavesNoFileBehind()
    {
        var path = Path.Combine(_folder, "extract.csv");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new GenerateDemoCommand().RunAsync(["--people", "100000", "--out", path], TextWriter.Null, cancellation.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task RunAsync_SameArgumentsTwice_WritesTheSameBytes()
    {
        var first = Path.Combine(_folder, "first.csv");
        var second = Path.Combine(_folder, "second.csv");

        await RunAsync("--people", "500", "--out", first, "--bad-rows", "0.2");
        await RunAsync("--people", "500", "--out", second, "--bad-rows", "0.2");

        Assert.Equal(await File.ReadAllBytesAsync(first, _cancellationToken), await File.ReadAllBytesAsync(second, _cancellationToken));
    }

    [Fact]
    public void AddSyntheticRegistry_RegistersTheGenerateDemoVerb()
    {
        using var services = new ServiceCollection().AddSyntheticRegistry().BuildServiceProvider();

        var command = Assert.Single(services.GetServices<IPortalCommand>());

        Assert.Equal("generate-demo", command.Name);
        Assert.Contains("--people N --out PATH", command.Summary, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var exitCode = await new GenerateDemoCommand().RunAsync(arguments, output, _cancellationToken);
        return (exitCode, output.ToString());
    }
}
