using System.Text;
using BreachPortal.Web.Registry.Import.Csv;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.People;

namespace BreachPortal.Web.Registry.Import;

/// <summary>What is wrong with one value of a line: the column and a <see cref="RejectReasons"/> code.</summary>
public sealed record RowProblem(string Field, string Reason);

/// <summary>Turns one line into normalised <see cref="PersonDetails"/>, or every reason it cannot be imported.</summary>
public static class RegistryRowValidator
{
    public const int NameMaxLength = 100;
    public const int PlaceMaxLength = 100;
    public const int AddressMaxLength = 300;

    public static (PersonDetails? Person, IReadOnlyList<RowProblem> Problems) Validate(CsvRecord record, RegistryHeader header, DateOnly today)
    {
        if (LineProblem(record, header) is { } lineProblem)
        {
            return (null, [new RowProblem(RejectReasons.WholeLine, lineProblem)]);
        }

        var problems = new List<RowProblem>();
        foreach (var column in RegistryColumns.All)
        {
            if (header.Positions[(int)column] is { } position && record.Fields[position].Contains('\uFFFD', StringComparison.Ordinal))
            {
                problems.Add(new RowProblem(RegistryColumns.NameOf(column), RejectReasons.InvalidEncoding));
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var row = new Row(record, header, problems);
        var nir = row.Required(RegistryColumn.Nir, Nir.Normalize);
        var lastName = row.RequiredText(RegistryColumn.LastName, NameMaxLength);
        var firstName = row.RequiredText(RegistryColumn.FirstName, NameMaxLength);
        var person = new PersonDetails
        {
            Nir = nir ?? string.Empty,
            LastName = lastName ?? string.Empty,
            FirstName = firstName ?? string.Empty,
            FranceTravailId = row.Optional(RegistryColumn.FranceTravailId, FranceTravailId.Normalize),
            DateOfBirth = row.Optional(RegistryColumn.DateOfBirth, value => DateOfBirth.Normalize(value, today)),
            PlaceOfBirth = row.OptionalText(RegistryColumn.PlaceOfBirth, PlaceMaxLength, multiline: false),
            Email = row.Optional(RegistryColumn.Email, EmailAddress.Normalize),
            Phone = row.Optional(RegistryColumn.Phone, PhoneNumber.Normalize),
            Address = row.OptionalText(RegistryColumn.Address, AddressMaxLength, multiline: true),
            PostalCode = row.Optional(RegistryColumn.PostalCode, PostalCode.Normalize),
            City = row.OptionalText(RegistryColumn.City, PlaceMaxLength, multiline: false),
        };
        return problems.Count > 0 ? (null, problems) : (person, problems);
    }

    private static string? LineProblem(CsvRecord record, RegistryHeader header) => record.End switch
    {
        CsvRecordEnd.TooLong => RejectReasons.LineTooLong,
        CsvRecordEnd.UnterminatedQuote => RejectReasons.Incomplete,
        CsvRecordEnd.EndOfFile when record.Fields.Length < header.FieldCount => RejectReasons.Incomplete,
        _ when record.Fields.Length > header.FieldCount => RejectReasons.TooManyFields,
        _ when record.Fields.Length < header.FieldCount => RejectReasons.TooFewFields,
        _ => null,
    };

    /// <summary>Trims, collapses runs of spaces, keeps line breaks only where an address may have them.</summary>
    internal static (string? Value, string? Reason) CleanText(string raw, int maxLength, bool multiline)
    {
        if (IsClean(raw))
        {
            // Nearly every value of an extract: nothing to trim or collapse, and no new string for it.
            return raw.Length > maxLength ? (null, RejectReasons.TooLong) : (raw, null);
        }

        var builder = new StringBuilder(raw.Length);
        var pendingSpace = false;
        var pendingBreak = false;
        foreach (var c in raw.Trim())
        {
            if (c is '\n' or '\r')
            {
                if (!multiline)
                {
                    return (null, RejectReasons.ControlCharacters);
                }

                pendingBreak = builder.Length > 0;
                pendingSpace = false;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0 && !pendingBreak;
                continue;
            }

            if (char.IsControl(c))
            {
                return (null, RejectReasons.ControlCharacters);
            }

            builder.Append(pendingBreak ? "\n" : pendingSpace ? " " : string.Empty).Append(c);
            pendingSpace = pendingBreak = false;
        }

        if (builder.Length == 0)
        {
            return (null, null);
        }

        return builder.Length > maxLength ? (null, RejectReasons.TooLong) : (builder.ToString(), null);
    }

    /// <summary>What <see cref="CleanText"/> would return unchanged: no space at either end or twice in a row, no other white space or control.</summary>
    private static bool IsClean(string raw)
    {
        if (raw.Length == 0 || raw[0] == ' ' || raw[^1] == ' ')
        {
            return false;
        }

        var previous = 'x';
        foreach (var c in raw)
        {
            if (c == ' ' ? previous == ' ' : c < ' ' || (c > '~' && (char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }

    private readonly struct Row(CsvRecord record, RegistryHeader header, List<RowProblem> problems)
    {
        public string? Required<TReason>(RegistryColumn column, Func<string?, Normalized<TReason>> normalize)
            where TReason : struct, Enum =>
            IsBlank(column) ? Missing(column) : Optional(column, normalize);

        public string? RequiredText(RegistryColumn column, int maxLength) =>
            IsBlank(column) ? Missing(column) : OptionalText(column, maxLength, multiline: false);

        public string? Optional<TReason>(RegistryColumn column, Func<string?, Normalized<TReason>> normalize)
            where TReason : struct, Enum
        {
            if (IsBlank(column))
            {
                return null;
            }

            var result = normalize(Raw(column));
            if (result.IsValid)
            {
                return result.Value;
            }

            problems.Add(new RowProblem(RegistryColumns.NameOf(column), RejectReasons.Of(result.Reason!.Value)));
            return null;
        }

        public string? OptionalText(RegistryColumn column, int maxLength, bool multiline)
        {
            if (IsBlank(column))
            {
                return null;
            }

            var (value, reason) = CleanText(Raw(column)!, maxLength, multiline);
            if (reason is not null)
            {
                problems.Add(new RowProblem(RegistryColumns.NameOf(column), reason));
            }

            return value;
        }

        private string? Raw(RegistryColumn column) =>
            header.Positions[(int)column] is { } position ? record.Fields[position] : null;

        private bool IsBlank(RegistryColumn column) => string.IsNullOrWhiteSpace(Raw(column));

        private string? Missing(RegistryColumn column)
        {
            problems.Add(new RowProblem(RegistryColumns.NameOf(column), RejectReasons.Required));
            return null;
        }
    }
}
