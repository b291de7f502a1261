using System.Globalization;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Registry.Retention;

/// <summary><c>purge [--dry-run]</c>: erases now what the daily job would erase at its next run.</summary>
// Resolves its services when it runs: listing the verbs constructs every command, and `migrate` must work before keys exist.
internal sealed class PurgeCommand(IServiceProvider services) : IPortalCommand
{
    private const string DryRun = "--dry-run";
    private const string Usage = "usage: purge [--dry-run]";
    private static readonly string[] Known = [DryRun];

    public string Name => "purge";

    public string Summary => "Erase the personal data of people whose retention date has passed (prints purged=N; --dry-run changes nothing).";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var flags = arguments.Count(a => string.Equals(a, DryRun, StringComparison.Ordinal));
        var others = arguments.Where(a => !string.Equals(a, DryRun, StringComparison.Ordinal)).ToList();
        var problem = others.Count > 0 ? CommandOptions.Parse(others, Known).Problem : flags > 1 ? $"{DryRun} is given twice." : null;
        if (problem is not null)
        {
            await output.WriteLineAsync($"purge: {problem} {Usage}");
            return PortalCommandLine.UsageError;
        }

        var retention = services.GetRequiredService<RegistryRetention>();
        if (flags == 1)
        {
            var preview = await retention.PreviewAsync(cancellationToken);
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"purge: dry run, nothing changed: {preview.Erased} people are past their retention date ({preview.PurgedInTotal} purged before, {preview.Retained} kept until a later date)."));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"purged={preview.Erased}"));
            return PortalCommandLine.Success;
        }

        var result = await retention.PurgeAsync(AuditActor.CommandLine, cancellationToken);
        if (result.AlreadyRunning)
        {
            await output.WriteLineAsync("purge: another purge is already running (the daily job or another instance); nothing done.");
            await output.WriteLineAsync("purged=0");
            return PortalCommandLine.Failure;
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"purge: erased the data of {result.Erased} people past their retention date ({result.PurgedInTotal} purged in total, {result.Retained} kept until a later date)."));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"purged={result.Erased}"));
        return PortalCommandLine.Success;
    }
}
