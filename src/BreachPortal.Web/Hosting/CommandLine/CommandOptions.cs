namespace BreachPortal.Web.Hosting.CommandLine;

/// <summary>A verb's <c>--name value</c> pairs; anything else is reported as a problem naming the offending argument.</summary>
public sealed class CommandOptions
{
    private CommandOptions(IReadOnlyDictionary<string, string> values, string? problem)
    {
        Values = values;
        Problem = problem;
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>What is wrong with the arguments, in a sentence, or null.</summary>
    public string? Problem { get; }

    public static CommandOptions Parse(IReadOnlyList<string> arguments, IReadOnlyCollection<string> known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i += 2)
        {
            var name = arguments[i];
            if (!known.Contains(name))
            {
                return new(values, $"unknown option '{name}' (expected {string.Join(", ", known)}).");
            }

            if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return new(values, $"{name} needs a value.");
            }

            if (!values.TryAdd(name, arguments[i + 1]))
            {
                return new(values, $"{name} is given twice.");
            }
        }

        return new(values, null);
    }
}
