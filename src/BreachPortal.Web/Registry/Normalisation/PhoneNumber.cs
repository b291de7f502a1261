namespace BreachPortal.Web.Registry.Normalisation;

public enum PhoneNumberReason
{
    Empty,
    InvalidCharacters,
    WrongLength,
    UnknownPrefix,
}

/// <summary>Phone number in E.164 (<c>+33612345678</c>); French national numbers of overseas departments get their own country code.</summary>
public static class PhoneNumber
{
    private const int MinInternationalDigits = 8;
    private const int MaxInternationalDigits = 15;
    private const int NationalDigits = 10;

    // National prefixes (trunk 0 included) that belong to another country code than +33.
    private static readonly (string Prefix, string CountryCode)[] OverseasPrefixes =
    [
        ("0262", "262"), ("0263", "262"), ("0269", "262"), ("0692", "262"), ("0693", "262"), ("0639", "262"),
        ("0590", "590"), ("0690", "590"), ("0691", "590"),
        ("0594", "594"), ("0694", "594"),
        ("0596", "596"), ("0696", "596"), ("0697", "596"),
        ("0508", "508"),
    ];

    private static readonly string[] MobilePrefixes =
    [
        "+336", "+337",
        "+262692", "+262693", "+262639",
        "+590690", "+590691",
        "+594694",
        "+596696", "+596697",
    ];

    public static Normalized<PhoneNumberReason> Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail(PhoneNumberReason.Empty);
        }

        var compact = new string([.. input.Where(c => c is not (' ' or '\u00A0' or '.' or '-'))]);
        var international = compact.StartsWith('+');
        var digits = international ? compact[1..] : compact;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return Fail(PhoneNumberReason.InvalidCharacters);
        }

        if (!international && digits.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            digits = digits[2..];
        }

        return international ? FromInternational(digits) : FromNational(digits);
    }

    /// <summary>Whether a normalised number is a French or French overseas mobile, the only numbers an SMS can reach.</summary>
    public static bool IsMobile(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return MobilePrefixes.Any(prefix => normalized.StartsWith(prefix, StringComparison.Ordinal));
    }

    public static string DescribeInEnglish(PhoneNumberReason reason) => reason switch
    {
        PhoneNumberReason.Empty => "The phone number is missing.",
        PhoneNumberReason.InvalidCharacters => "The phone number contains characters other than digits, a leading +, spaces, dots or dashes.",
        PhoneNumberReason.WrongLength => "The phone number has too many or too few digits.",
        PhoneNumberReason.UnknownPrefix => "The phone number does not start like a French number or an international number.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    private static Normalized<PhoneNumberReason> FromNational(string digits)
    {
        if (digits[0] != '0')
        {
            return Fail(PhoneNumberReason.UnknownPrefix);
        }

        if (digits.Length != NationalDigits)
        {
            return Fail(PhoneNumberReason.WrongLength);
        }

        if (digits[1] == '0')
        {
            return Fail(PhoneNumberReason.UnknownPrefix);
        }

        foreach (var (prefix, countryCode) in OverseasPrefixes)
        {
            if (digits.StartsWith(prefix, StringComparison.Ordinal))
            {
                // Saint-Pierre-et-Miquelon numbers are 6 digits after +508, which the national 0508 prefix already spells.
                return countryCode == "508"
                    ? new("+" + digits[1..], null)
                    : new("+" + countryCode + digits[1..], null);
            }
        }

        return new("+33" + digits[1..], null);
    }

    private static Normalized<PhoneNumberReason> FromInternational(string digits)
    {
        if (digits.Length == 0 || digits[0] == '0')
        {
            return Fail(PhoneNumberReason.UnknownPrefix);
        }

        if (digits.Length is < MinInternationalDigits or > MaxInternationalDigits)
        {
            return Fail(PhoneNumberReason.WrongLength);
        }

        // +33 followed by an overseas national number is mapped like the national form, so both reach the same blind index.
        if (digits.StartsWith("33", StringComparison.Ordinal))
        {
            return digits.Length == NationalDigits + 1
                ? FromNational("0" + digits[2..])
                : Fail(PhoneNumberReason.WrongLength);
        }

        var expectedLength = digits[..3] switch
        {
            "262" or "590" or "594" or "596" => 12,
            "508" => 9,
            _ => 0,
        };
        return expectedLength == 0 || digits.Length == expectedLength
            ? new("+" + digits, null)
            : Fail(PhoneNumberReason.WrongLength);
    }

    private static Normalized<PhoneNumberReason> Fail(PhoneNumberReason reason) => new(null, reason);
}
