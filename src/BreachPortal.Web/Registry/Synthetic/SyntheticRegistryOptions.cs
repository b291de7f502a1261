namespace BreachPortal.Web.Registry.Synthetic;

public sealed record SyntheticRegistryOptions
{
    /// <summary>The day the breach was announced, so that runs without a seed are reproducible.</summary>
    public const long DefaultSeed = 20240313;

    public required long People { get; init; }

    public long Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// The position of the file's first person among the people of <see cref="Seed"/>: a later extract of the same
    /// registry starts further on, so it repeats the end of an earlier one and adds new people after it.
    /// </summary>
    public long FirstIndex { get; init; }

    /// <summary>Share of rows, from 0 to 1, that are broken in exactly one way.</summary>
    public double BadRowFraction { get; init; }

    /// <summary><c>;</c> (French spreadsheets) or <c>,</c>.</summary>
    public char Delimiter { get; init; } = ';';

    /// <summary><c>\n</c> or <c>\r\n</c>.</summary>
    public string LineEnding { get; init; } = "\n";

    internal void Validate()
    {
        if (People is < 0 or > SyntheticRegistry.MaxPeople)
        {
            throw new ArgumentOutOfRangeException(nameof(People), People, $"The number of people must be from 0 to {SyntheticRegistry.MaxPeople}.");
        }

        if (FirstIndex < 0 || FirstIndex > SyntheticRegistry.MaxPeople - People)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstIndex), FirstIndex, $"The first index must be from 0 to {SyntheticRegistry.MaxPeople} less the number of people.");
        }

        // A broken row may repeat an earlier person of the sequence, who would not be in a file that starts later.
        if (FirstIndex > 0 && BadRowFraction > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstIndex), FirstIndex, "A file that starts after the first person has no broken rows.");
        }

        if (BadRowFraction is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BadRowFraction), BadRowFraction, "The share of broken rows must be from 0 to 1.");
        }

        if (Delimiter is not (';' or ','))
        {
            throw new ArgumentOutOfRangeException(nameof(Delimiter), Delimiter, "The delimiter must be ';' or ','.");
        }

        if (LineEnding is not ("\n" or "\r\n"))
        {
            throw new ArgumentOutOfRangeException(nameof(LineEnding), LineEnding, "The line ending must be \\n or \\r\\n.");
        }
    }
}
