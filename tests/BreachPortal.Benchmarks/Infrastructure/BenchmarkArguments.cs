using System.Globalization;

namespace BreachPortal.Benchmarks.Infrastructure;

/// <summary>
/// A benchmark's command line: <c>--name value</c> options and <c>--flag</c>s, each read once by the benchmark with
/// its default and bounds. <see cref="Understood"/> is false when an argument is unknown, a value missing or out of
/// bounds: the benchmark then prints its usage.
/// </summary>
internal sealed class BenchmarkArguments(IReadOnlyList<string> arguments)
{
    private readonly bool[] _read = new bool[arguments.Count];
    private bool _refused;

    public bool Understood => !_refused && _read.All(read => read);

    /// <summary>A whole number (thousands separators allowed), the last one given, else <paramref name="defaultValue"/>.</summary>
    public long Whole(string name, long defaultValue, long min, long max) =>
        Value(name, defaultValue, text => long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null);

    /// <summary>A fraction from 0 to 1.</summary>
    public double Fraction(string name, double defaultValue) =>
        Value(name, defaultValue, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1 ? value : null);

    public bool Flag(string name)
    {
        var given = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == name)
            {
                _read[i] = given = true;
            }
        }

        return given;
    }

    private T Value<T>(string name, T defaultValue, Func<string?, T?> parse)
        where T : struct
    {
        var value = defaultValue;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] != name)
            {
                continue;
            }

            _read[i] = true;
            if (i + 1 < arguments.Count && parse(arguments[i + 1]) is { } given)
            {
                _read[++i] = true;
                value = given;
            }
            else
            {
                _refused = true;
            }
        }

        return value;
    }
}
