using System.Globalization;

namespace BreachPortal.Web.Privacy;

/// <summary>The most of an identifier that a log line, an audit event or a staff page may show.</summary>
public static class Mask
{
    private const string Hidden = "•••";

    private static readonly string[] OverseasCountryCodes = ["262", "590", "594", "596"];

    /// <summary><c>jean.dupont@example.fr</c> → <c>j•••@example.fr</c>; anything that is not an address → <c>•••</c>.</summary>
    public static string Email(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return Hidden;
        }

        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at < 1 || at == trimmed.Length - 1)
        {
            return Hidden;
        }

        return string.Concat(trimmed.AsSpan(0, 1), Hidden, trimmed.AsSpan(at)).ToLowerInvariant();
    }

    /// <summary>A normalised NIR → its sex digit and birth year only: <c>1 85 •• •• ••• ••• ••</c>.</summary>
    public static string Nir(string? nir)
    {
        if (nir is not { Length: 15 } || !char.IsAsciiDigit(nir[0]) || !char.IsAsciiDigit(nir[1]) || !char.IsAsciiDigit(nir[2]))
        {
            return Hidden;
        }

        return string.Concat(nir.AsSpan(0, 1), " ", nir.AsSpan(1, 2), " •• •• ••• ••• ••");
    }

    /// <summary>A France Travail identifier → its last 2 characters: <c>••••••7A</c>.</summary>
    public static string FranceTravailId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Trim().Length < 4)
        {
            return Hidden;
        }

        var trimmed = id.Trim();
        return string.Concat(new string('•', trimmed.Length - 2), trimmed.AsSpan(trimmed.Length - 2));
    }

    /// <summary>An E.164 number → its country code and last 2 digits: <c>+33 • •• •• •• 78</c>.</summary>
    public static string Phone(string? e164)
    {
        if (e164 is not { Length: > 4 } || e164[0] != '+' || e164.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return Hidden;
        }

        var last = e164.AsSpan(e164.Length - 2);
        var digits = e164.AsSpan(1);
        if (digits.StartsWith("33") && digits.Length == 11)
        {
            return string.Concat("+33 • •• •• •• ", last);
        }

        // French overseas numbers: a 3-digit country code, then the same 9-digit shape as in mainland France.
        foreach (var code in OverseasCountryCodes)
        {
            if (digits.StartsWith(code) && digits.Length == 12)
            {
                return string.Concat("+", code, " • •• •• •• ", last);
            }
        }

        if (digits.StartsWith("508") && digits.Length == 9)
        {
            return string.Concat("+508 •• •• ", last);
        }

        // Where the country code ends is not known here: showing more digits could show part of the number.
        return string.Concat("+", Hidden, " ", last);
    }

    /// <summary>A last or first name → its first letter: <c>M•••</c>.</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Hidden;
        }

        return StringInfo.GetNextTextElement(name.Trim()) + Hidden;
    }

    /// <summary>A date of birth (<c>YYYY-MM-DD</c>) → its year: <c>••/••/1985</c>.</summary>
    public static string DateOfBirth(string? date)
    {
        if (date is not { Length: 10 } || date[4] != '-' || date.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9'))
        {
            return Hidden;
        }

        return string.Concat("••/••/", date.AsSpan(0, 4));
    }
}
