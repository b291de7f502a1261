using System.Text;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Tests.Registry.Import;

public sealed class ImportCommandTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportVerb_RunAsAProcess_EndsWithTheCounts_AndRefusesTheSameFileWithANonZeroExit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bp-import-{Guid.NewGuid():N}.csv");
        var rejects = path + ".rejects.csv";
        var nir = RegistryCsv.NewNir();
        await File.WriteAllTextAsync(path, RegistryCsv.File(RegistryCsv.Row(nir), RegistryCsv.Row(RegistryCsv.NewNir(), phone: "12"), RegistryCsv.Row(nir)), Encoding.UTF8, Ct);
        try
        {
            var first = await RunAsync("import", "--incident", "ft-2024-03", "--file", path, "--rejects", rejects);
            var second = await RunAsync("import", "--incident", "FT-2024-03", "--file", path);

            Assert.True(first.ExitCode == 0, first.Output + first.Error);
            Assert.Equal("imported=1 rejected=1 duplicates=1", first.Output.TrimEnd().Split('\n')[^1]);
            var report = await File.ReadAllTextAsync(rejects, Ct);
            Assert.Contains("3,telephone,The phone number", report, StringComparison.Ordinal);
            Assert.Contains("4,nir,Same social security number as an earlier line of the file", report, StringComparison.Ordinal);
            Assert.DoesNotContain(nir, report, StringComparison.Ordinal);
            Assert.Equal(PortalCommandLine.Failure, second.ExitCode);
            Assert.Contains("This file (same SHA-256) has already been imported; nothing was changed.", second.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
            File.Delete(rejects);
        }
    }

    [Theory]
    [InlineData(new[] { "import" }, "--incident and --file are required")]
    [InlineData(new[] { "import", "--incident", "FT-2024-03", "--file", "/nonexistent/extract.csv" }, "does not exist")]
    [InlineData(new[] { "import", "--incident", "FT-2024-03", "--fichier", "x.csv" }, "unknown option '--fichier'")]
    public async Task ImportVerb_WithBadArguments_SaysWhatIsWrong(string[] arguments, string expected)
    {
        var output = new StringWriter();

        var exitCode = await PortalCommandLine.RunAsync(app.Factory.Services, arguments, output, TextWriter.Null, Ct);

        Assert.Equal(PortalCommandLine.UsageError, exitCode);
        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportVerb_ForAnUnknownIncident_ExitsNonZeroNamingTheProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bp-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, RegistryCsv.File(RegistryCsv.Row(RegistryCsv.NewNir())), Ct);
        var output = new StringWriter();
        try
        {
            var exitCode = await PortalCommandLine.RunAsync(app.Factory.Services, ["import", "--incident", "XX-1", "--file", path], output, TextWriter.Null, Ct);

            Assert.Equal(PortalCommandLine.Failure, exitCode);
            Assert.Contains("No incident has this reference.", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private Task<ProcessResult> RunAsync(params string[] arguments) =>
        PortalProcess.RunAsync(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__Portal"] = app.ConnectionString,
                ["Protection__EncryptionKey"] = TestKeys.Encryption,
                ["Protection__IndexKey"] = TestKeys.Index,
            },
            arguments);
}
