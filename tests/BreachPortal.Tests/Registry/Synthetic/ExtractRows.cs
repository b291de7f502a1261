using System.Text;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.Synthetic;

namespace BreachPortal.Tests.Registry.Synthetic;

/// <summary>Classifies the rows of an extract the way an import would, without asking the generator what it meant.</summary>
public static class ExtractRows
{
    public const int Columns = 11;

    public static readonly DateOnly Today = new(2026, 11, 22);

    /// <summary>The fields of a row, each decoded as UTF-8 or, when that fails, as Windows-1252 (its Latin-1 part).</summary>
    public static string[] Decode(List<byte[]> record, out bool validUtf8)
    {
        ArgumentNullException.ThrowIfNull(record);
        validUtf8 = true;
        var fields = new string[record.Count];
        for (var i = 0; i < record.Count; i++)
        {
            if (!CsvBytes.TryDecodeUtf8(record[i], out fields[i]))
            {
                validUtf8 = false;
                fields[i] = Encoding.Latin1.GetString(record[i]);
            }
        }

        return fields;
    }

    /// <summary>
    /// What is wrong with a row, as broken-kind names; anything no kind explains is named "Unexpected…".
    /// <paramref name="nirsSoFar"/> holds the normalised NIRs of the earlier rows.
    /// </summary>
    public static List<string> Problems(List<byte[]> record, HashSet<string> nirsSoFar)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(nirsSoFar);
        var problems = new List<string>();
        if (record.Count == Columns + 1)
        {
            problems.Add(nameof(BrokenRowKind.ExtraField));
        }
        else if (record.Count != Columns)
        {
            problems.Add($"UnexpectedFieldCount:{record.Count}");
            return problems;
        }

        var fields = Decode(record, out var validUtf8);
        if (!validUtf8)
        {
            problems.Add(nameof(BrokenRowKind.WrongEncoding));
        }

        if (string.IsNullOrWhiteSpace(fields[0]) || string.IsNullOrWhiteSpace(fields[2]) || string.IsNullOrWhiteSpace(fields[3]))
        {
            problems.Add(nameof(BrokenRowKind.MissingRequiredField));
        }

        if (!string.IsNullOrWhiteSpace(fields[0]))
        {
            var nir = Nir.Normalize(fields[0]);
            if (nir.IsValid)
            {
                if (!nirsSoFar.Add(nir.Value))
                {
                    problems.Add(nameof(BrokenRowKind.DuplicateInFile));
                }
            }
            else
            {
                problems.Add(nir.Reason == NirReason.WrongKey ? nameof(BrokenRowKind.BadNirKey) : $"UnexpectedNir:{nir.Reason}");
            }
        }

        Check(problems, FranceTravailId.Normalize(fields[1]).IsValid, BrokenRowKind.BadFranceTravailId);
        Check(problems, DateOfBirth.Normalize(fields[4], Today).IsValid, BrokenRowKind.BadDateOfBirth);
        Check(problems, fields[6].Length == 0 || EmailAddress.Normalize(fields[6]).IsValid, BrokenRowKind.BadEmail);
        Check(problems, fields[7].Length == 0 || PhoneNumber.Normalize(fields[7]).IsValid, BrokenRowKind.UnparseablePhone);
        Check(problems, PostalCode.Normalize(fields[9]).IsValid, BrokenRowKind.BadPostalCode);
        if (fields[5].Length == 0 || fields[8].Length == 0 || fields[10].Length == 0)
        {
            problems.Add("UnexpectedEmptyPlaceAddressOrCity");
        }

        return problems;
    }

    private static void Check(List<string> problems, bool valid, BrokenRowKind kind)
    {
        if (!valid)
        {
            problems.Add(kind.ToString());
        }
    }
}
