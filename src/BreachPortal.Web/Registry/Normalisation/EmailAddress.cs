using System.Globalization;
using System.Text;

namespace BreachPortal.Web.Registry.Normalisation;

public enum EmailAddressReason
{
    Empty,
    MissingAt,
    InvalidLocalPart,
    InvalidDomain,
    TooLong,
}

/// <summary>Email address: local part kept as given, domain lower-cased and converted to punycode.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;
    public const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;
    private const string LocalPartSymbols = "!#$%&'*+-/=?^_`{|}~";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public static Normalized<EmailAddressReason> Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail(EmailAddressReason.Empty);
        }

        var trimmed = input.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at < 0)
        {
            return Fail(EmailAddressReason.MissingAt);
        }

        var local = ToNfc(trimmed[..at]);
        if (local is null || !IsValidLocalPart(local))
        {
            return Fail(EmailAddressReason.InvalidLocalPart);
        }

        if (local.Length > MaxLocalPartLength)
        {
            return Fail(EmailAddressReason.TooLong);
        }

        var domain = ToAsciiDomain(trimmed[(at + 1)..]);
        if (domain is null)
        {
            return Fail(EmailAddressReason.InvalidDomain);
        }

        var address = string.Concat(local, "@", domain);
        return address.Length > MaxLength ? Fail(EmailAddressReason.TooLong) : new(address, null);
    }

    /// <summary>The form hashed into the blind index: most mailboxes ignore case, so the whole address is lower-cased.</summary>
    public static string BlindIndexForm(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return normalized.ToLowerInvariant();
    }

    public static string DescribeInEnglish(EmailAddressReason reason) => reason switch
    {
        EmailAddressReason.Empty => "The email address is missing.",
        EmailAddressReason.MissingAt => "The email address has no @.",
        EmailAddressReason.InvalidLocalPart => "The part of the email address before the @ is empty or contains characters an address cannot have.",
        EmailAddressReason.InvalidDomain => "The part of the email address after the @ is not a valid domain name.",
        EmailAddressReason.TooLong => "The email address is longer than addresses may be.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    // Quoted local parts ("john doe"@…) are legal but never seen in practice, so they are refused.
    private static bool IsValidLocalPart(string local)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return local.All(c => char.IsAsciiLetterOrDigit(c)
            || c == '.'
            || LocalPartSymbols.Contains(c, StringComparison.Ordinal)
            || (c > '\u007F' && char.IsLetterOrDigit(c)));
    }

    private static string? ToAsciiDomain(string domain)
    {
        if (domain.Length == 0)
        {
            return null;
        }

        string ascii;
        if (System.Text.Ascii.IsValid(domain) && !domain.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            // Nearly every domain: IDNA has nothing to map, and the checks below are the STD3 rules it would apply.
            ascii = domain.ToLowerInvariant();
        }
        else
        {
            try
            {
                ascii = Idn.GetAscii(domain).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        var labels = ascii.Split('.');
        var wellFormed = labels.Length >= 2
            && labels.All(label => label.Length is > 0 and <= MaxLabelLength
                && label[0] != '-'
                && label[^1] != '-'
                && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && !labels[^1].All(char.IsAsciiDigit);
        return wellFormed ? ascii : null;
    }

    private static string? ToNfc(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Normalized<EmailAddressReason> Fail(EmailAddressReason reason) => new(null, reason);
}
