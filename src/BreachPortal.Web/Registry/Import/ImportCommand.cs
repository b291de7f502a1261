using System.Globalization;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Registry.Import;

/// <summary><c>import --incident REF --file PATH [--rejects PATH]</c>: the operator's way to load an extract from a shell.</summary>
// Resolves its services when it runs: listing the verbs constructs every command, and `migrate` must work before keys exist.
internal sealed class ImportCommand(IServiceProvider services) : IPortalCommand
{
    private const string Usage = "usage: import --incident REFERENCE --file PATH [--rejects REPORT.csv]";

    public string Name => "import";

    public string Summary => "Import a CSV extract of affected people into an incident (prints imported=N rejected=M duplicates=D).";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var options = CommandOptions.Parse(arguments, ["--incident", "--file", "--rejects"]);
        if (options.Problem is { } problem || !options.Values.TryGetValue("--incident", out var incident) || !options.Values.TryGetValue("--file", out var path))
        {
            await output.WriteLineAsync($"import: {options.Problem ?? "--incident and --file are required."} {Usage}");
            return PortalCommandLine.UsageError;
        }

        if (!File.Exists(path))
        {
            await output.WriteLineAsync($"import: the file '{path}' does not exist.");
            return PortalCommandLine.UsageError;
        }

        var importer = services.GetRequiredService<RegistryImporter>();
        var texts = services.GetRequiredService<ImportTexts>();
        ImportOutcome outcome;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            outcome = await importer.ImportAsync(
                new ImportRequest(incident, file, Path.GetFileName(path), ImportSource.CommandLine, AuditActor.CommandLine, file.Length),
                cancellationToken);
        }

        if (outcome.Failure is { } failure)
        {
            await output.WriteLineAsync($"import: refused: {texts.Failure(failure, outcome.MissingColumns)}");
            return PortalCommandLine.Failure;
        }

        if (options.Values.TryGetValue("--rejects", out var rejectsPath))
        {
            await using var writer = new StreamWriter(rejectsPath, append: false, new System.Text.UTF8Encoding(true));
            await services.GetRequiredService<RejectReport>().WriteAsync(outcome.BatchId!.Value, writer, ["line", "field", "reason", "same_as_line"], cancellationToken);
            await output.WriteLineAsync($"import: reject report written to {rejectsPath}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"import: batch {outcome.BatchId} completed"));
        await output.WriteLineAsync(outcome.SummaryLine);
        return PortalCommandLine.Success;
    }
}
