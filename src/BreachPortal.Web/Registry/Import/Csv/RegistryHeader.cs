namespace BreachPortal.Web.Registry.Import.Csv;

/// <summary>A column of the file the registry does not know: ignored, and reported so the operator can check the export.</summary>
/// <param name="Position">1-based.</param>
/// <param name="Name">The header cell when it looks like a column name; otherwise null, so a data line used as a header is never echoed.</param>
public sealed record UnknownColumn(int Position, string? Name);

/// <summary>Which position of each line holds which registry column, read from the first line.</summary>
public sealed class RegistryHeader
{
    private const int MaxEchoedNameLength = 40;

    private RegistryHeader(int?[] positions, int fieldCount, IReadOnlyList<UnknownColumn> unknown)
    {
        Positions = positions;
        FieldCount = fieldCount;
        Unknown = unknown;
    }

    /// <summary>Indexed by <see cref="RegistryColumn"/>: the field position, or null when the file has no such column.</summary>
    public IReadOnlyList<int?> Positions { get; }

    public int FieldCount { get; }

    public IReadOnlyList<UnknownColumn> Unknown { get; }

    public bool Has(RegistryColumn column) => Positions[(int)column] is not null;

    public static (RegistryHeader? Header, ImportFailure? Failure, IReadOnlyList<RegistryColumn> Missing) Read(CsvRecord first)
    {
        var positions = new int?[RegistryColumns.All.Count];
        var unknown = new List<UnknownColumn>();
        var recognised = 0;
        for (var i = 0; i < first.Fields.Length; i++)
        {
            if (RegistryColumns.Find(first.Fields[i]) is not { } column)
            {
                unknown.Add(new UnknownColumn(i + 1, EchoableName(first.Fields[i])));
                continue;
            }

            if (positions[(int)column] is not null)
            {
                return (null, ImportFailure.DuplicateColumn, [column]);
            }

            positions[(int)column] = i;
            recognised++;
        }

        if (recognised == 0)
        {
            return (null, ImportFailure.NoHeader, RegistryColumns.Required);
        }

        var missing = RegistryColumns.Required.Where(c => positions[(int)c] is null).ToArray();
        return missing.Length > 0
            ? (null, ImportFailure.MissingRequiredColumn, missing)
            : (new RegistryHeader(positions, first.Fields.Length, unknown), null, []);
    }

    private static string? EchoableName(string cell)
    {
        var trimmed = cell.Trim();
        var looksLikeAName = trimmed.Length is > 0 and <= MaxEchoedNameLength
            && trimmed.All(c => char.IsLetter(c) || c is '_' or ' ' or '-')
            && !trimmed.Contains("  ", StringComparison.Ordinal);
        return looksLikeAName ? trimmed : null;
    }
}
