using System.Globalization;

namespace BreachPortal.Web.Registry.Normalisation;

public enum NirReason
{
    Empty,
    WrongLength,
    InvalidCharacters,
    InvalidSex,
    InvalidMonth,
    InvalidDepartment,
    WrongKey,
}

/// <summary>French social security number (NIR): 13 characters and a 2-digit key, Corsica as 2A/2B.</summary>
public static class Nir
{
    public const int Length = 15;

    public static Normalized<NirReason> Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail(NirReason.Empty);
        }

        var compact = new string([.. input.Where(c => c is not (' ' or '.' or '-'))]).ToUpperInvariant();
        if (!compact.All(c => char.IsAsciiDigit(c) || c is 'A' or 'B'))
        {
            return Fail(NirReason.InvalidCharacters);
        }

        if (compact.Length != Length)
        {
            return Fail(NirReason.WrongLength);
        }

        // Only the department's second character may be a letter (2A, 2B).
        for (var i = 0; i < Length; i++)
        {
            if (i != 6 && !char.IsAsciiDigit(compact[i]))
            {
                return Fail(NirReason.InvalidCharacters);
            }
        }

        if (compact[0] is not ('1' or '2' or '7' or '8'))
        {
            return Fail(NirReason.InvalidSex);
        }

        var month = TwoDigits(compact, 3);
        if (month is not ((>= 1 and <= 12) or (>= 20 and <= 42) or (>= 50 and <= 99)))
        {
            return Fail(NirReason.InvalidMonth);
        }

        if (!IsValidDepartment(compact.AsSpan(5, 2)))
        {
            return Fail(NirReason.InvalidDepartment);
        }

        return ComputeKey(compact[..13]) == TwoDigits(compact, 13)
            ? new(compact, null)
            : Fail(NirReason.WrongKey);
    }

    /// <summary>97 − (the first 13 characters as a number, 2A read as 19 and 2B as 18) mod 97.</summary>
    public static int ComputeKey(string firstThirteen)
    {
        ArgumentNullException.ThrowIfNull(firstThirteen);
        if (firstThirteen.Length != 13)
        {
            throw new ArgumentException("A NIR body has 13 characters.", nameof(firstThirteen));
        }

        var numeric = char.ToUpperInvariant(firstThirteen[6]) switch
        {
            'A' => string.Concat(firstThirteen.AsSpan(0, 5), "19", firstThirteen.AsSpan(7)),
            'B' => string.Concat(firstThirteen.AsSpan(0, 5), "18", firstThirteen.AsSpan(7)),
            _ => firstThirteen,
        };
        return 97 - (int)(long.Parse(numeric, NumberStyles.None, CultureInfo.InvariantCulture) % 97);
    }

    public static string DescribeInEnglish(NirReason reason) => reason switch
    {
        NirReason.Empty => "The social security number is missing.",
        NirReason.WrongLength => "The social security number does not have 15 characters.",
        NirReason.InvalidCharacters => "The social security number contains characters other than digits (and 2A/2B for Corsica).",
        NirReason.InvalidSex => "The social security number does not start with 1, 2, 7 or 8.",
        NirReason.InvalidMonth => "The month of birth in the social security number is not possible.",
        NirReason.InvalidDepartment => "The department of birth in the social security number does not exist.",
        NirReason.WrongKey => "The social security number's control key does not match; a digit is probably wrong.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    // 20 stays valid: people born in Corsica before 1976, when it split into 2A and 2B, keep it in their number.
    private static bool IsValidDepartment(ReadOnlySpan<char> department)
    {
        if (department is "2A" or "2B")
        {
            return true;
        }

        if (!char.IsAsciiDigit(department[0]) || !char.IsAsciiDigit(department[1]))
        {
            return false;
        }

        var number = ((department[0] - '0') * 10) + (department[1] - '0');
        return number is (>= 1 and <= 95) or 97 or 98 or 99;
    }

    private static int TwoDigits(string value, int start) => ((value[start] - '0') * 10) + (value[start + 1] - '0');

    private static Normalized<NirReason> Fail(NirReason reason) => new(null, reason);
}
