using System.Globalization;
using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Web.Registry.Synthetic;

internal sealed class GenerateDemoCommand : IPortalCommand
{
    private const string Usage =
        "usage: generate-demo --people N --out PATH [--seed S] [--bad-rows FRACTION] [--delimiter ';'|','] [--crlf]";

    private static readonly string[] OptionsWithValue = ["--people", "--out", "--seed", "--bad-rows", "--delimiter"];

    public string Name => "generate-demo";

    public string Summary => "Write a CSV extract of fictitious people for demos and load tests: " +
        "generate-demo --people N --out PATH [--seed S] [--bad-rows FRACTION].";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var (request, problem) = Parse(arguments);
        if (request is null)
        {
            await output.WriteLineAsync($"generate-demo: {problem}");
            await output.WriteLineAsync(Usage);
            return PortalCommandLine.UsageError;
        }

        var path = request.Path;
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        FileStream stream;
        try
        {
            stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"generate-demo: cannot write in {Path.GetDirectoryName(path)}: {exception.Message}");
            return PortalCommandLine.UsageError;
        }

        // The extract only appears under its name once complete: a cancelled or failed run leaves no half file.
        SyntheticRegistrySummary summary;
        try
        {
            await using (stream)
            {
                summary = await SyntheticRegistry.WriteAsync(stream, request.Options, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"generate-demo: writing {path} failed: {exception.Message}");
            return PortalCommandLine.Failure;
        }
        finally
        {
            File.Delete(temporary);
        }

        if (summary.BrokenRows > 0)
        {
            var kinds = summary.BrokenByKind.Where(k => k.Value > 0).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value}"));
            await output.WriteLineAsync($"generate-demo: broken rows: {string.Join(", ", kinds)}.");
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"generate-demo: an import should add {summary.GoodRows} people, reject {summary.RejectedRows} rows and report {summary.DuplicateRows} duplicates."));
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"generate-demo: wrote {summary.Rows} rows ({summary.GoodRows} good, {summary.BrokenRows} broken) to {path}"));
        return PortalCommandLine.Success;
    }

    private static (Request? Request, string Problem) Parse(IReadOnlyList<string> arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var crlf = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            string? value = null;
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (argument.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = argument[(equals + 1)..];
                argument = argument[..equals];
            }

            if (argument == "--crlf" && value is null)
            {
                crlf = true;
                continue;
            }

            if (!OptionsWithValue.Contains(argument, StringComparer.Ordinal))
            {
                return (null, argument.StartsWith('-') ? $"unknown option '{argument}'." : $"unexpected argument '{argument}'.");
            }

            if (value is null)
            {
                if (i + 1 >= arguments.Count)
                {
                    return (null, $"{argument} needs a value.");
                }

                value = arguments[++i];
            }

            if (!values.TryAdd(argument, value))
            {
                return (null, $"{argument} is given twice.");
            }
        }

        if (!values.TryGetValue("--people", out var peopleText))
        {
            return (null, "--people is missing: how many people should the extract hold?");
        }

        if (!long.TryParse(peopleText, NumberStyles.None, CultureInfo.InvariantCulture, out var people) || people > SyntheticRegistry.MaxPeople)
        {
            return (null, $"--people must be a whole number from 0 to {SyntheticRegistry.MaxPeople}, not '{peopleText}'.");
        }

        var seed = SyntheticRegistryOptions.DefaultSeed;
        if (values.TryGetValue("--seed", out var seedText)
            && !long.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
        {
            return (null, $"--seed must be a whole number, not '{seedText}'.");
        }

        var badRows = 0.0;
        if (values.TryGetValue("--bad-rows", out var badRowsText)
            && (!double.TryParse(badRowsText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out badRows) || badRows is not (>= 0 and <= 1)))
        {
            return (null, $"--bad-rows must be a fraction from 0 to 1 written with a dot (0.05 for 5 %), not '{badRowsText}'.");
        }

        var delimiter = ';';
        if (values.TryGetValue("--delimiter", out var delimiterText))
        {
            if (delimiterText is not (";" or ","))
            {
                return (null, $"--delimiter must be ';' or ',', not '{delimiterText}'.");
            }

            delimiter = delimiterText[0];
        }

        if (!values.TryGetValue("--out", out var outText) || string.IsNullOrWhiteSpace(outText))
        {
            return (null, "--out is missing: which file should the extract be written to?");
        }

        var path = Path.GetFullPath(outText);
        if (Directory.Exists(path))
        {
            return (null, $"--out {outText} is a folder; give the path of the file to write.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            return (null, $"--out {outText}: the folder {Path.GetDirectoryName(path)} does not exist.");
        }

        var options = new SyntheticRegistryOptions
        {
            People = people,
            Seed = seed,
            BadRowFraction = badRows,
            Delimiter = delimiter,
            LineEnding = crlf ? "\r\n" : "\n",
        };
        return (new Request(options, path), "");
    }

    private sealed record Request(SyntheticRegistryOptions Options, string Path);
}
