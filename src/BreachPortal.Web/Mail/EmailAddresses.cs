using System.Buffers;
using System.Globalization;
using MimeKit;

namespace BreachPortal.Web.Mail;

/// <summary>
/// What the portal accepts as an address to send to or from. Stricter than RFC 5322 on purpose: a recipient comes
/// from an imported file, and anything that could break a header or an SMTP command is refused before MimeKit or the
/// relay sees it. Exception messages never repeat the address, which is personal data.
/// </summary>
public static class EmailAddresses
{
    private static readonly SearchValues<char> AddressSpecials = SearchValues.Create("<>()[]\\,;:\"@");

    /// <summary>
    /// Checks that <paramref name="address"/> is a plain <c>local@domain</c> that cannot break a header or an SMTP
    /// command, and returns it in ASCII (an internationalised domain in punycode).
    /// </summary>
    public static string Normalize(string? address, string paramName)
    {
        if (string.IsNullOrEmpty(address))
        {
            throw new ArgumentException("The email address is empty.", paramName);
        }

        var at = address.LastIndexOf('@');
        if (address.Length > 254 || at <= 0 || at == address.Length - 1)
        {
            throw new ArgumentException("The email address is not of the form local@domain (at most 254 characters).", paramName);
        }

        var local = address.AsSpan(0, at);
        var domain = address.AsSpan(at + 1);
        if (local.IndexOfAny(AddressSpecials) >= 0 || domain.IndexOfAny(AddressSpecials) >= 0)
        {
            throw new ArgumentException("The email address contains an angle bracket, quote, comma, colon, parenthesis or a second @.", paramName);
        }

        if (local.IndexOfAnyExceptInRange('\u0021', '\u007e') >= 0)
        {
            throw new ArgumentException(
                "The email address contains whitespace, a line break or a control character, or non-ASCII characters before the @ (which would need SMTPUTF8).",
                paramName);
        }

        if (domain.IndexOfAnyExceptInRange('\u0021', '\u007e') < 0)
        {
            return address;
        }

        if (domain.IndexOfAnyInRange('\u0000', '\u0020') >= 0 || domain.IndexOfAnyInRange('\u007f', '\u009f') >= 0)
        {
            throw new ArgumentException("The email address contains whitespace, a line break or a control character.", paramName);
        }

        try
        {
            return string.Concat(local, "@", new IdnMapping().GetAscii(domain.ToString()));
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("The domain of the email address is not a valid internationalised domain name.", paramName);
        }
    }

    /// <summary>True when <paramref name="value"/> is an address, or a display name and an address in angle brackets.</summary>
    public static bool IsValidMailbox(string? value)
    {
        try
        {
            ParseMailbox(value, "mailbox");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A setting such as Email:From (<c>Name &lt;address&gt;</c> or a bare address), read by MimeKit's parser.</summary>
    public static MailboxAddress ParseMailbox(string? value, string setting)
    {
        var text = (value ?? "").Trim();
        if (!MailboxAddress.TryParse(text, out var parsed) || parsed.Route.Count > 0)
        {
            throw new ArgumentException($"{setting} must be an address, or a display name and an address in angle brackets.", setting);
        }

        try
        {
            var name = HeaderText.Clean(parsed.Name);
            return new MailboxAddress(name.Length == 0 ? null : name, Normalize(parsed.Address, setting));
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"{setting} must be an address, or a display name and an address in angle brackets: {exception.Message}", setting, exception);
        }
    }
}

/// <summary>Header text the portal writes (subjects, display names).</summary>
public static class HeaderText
{
    /// <summary>Line breaks and other control characters become spaces: a header value can never start a new header.</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') < 0 && !value.Contains('\u007f'))
        {
            return value.Trim();
        }

        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
    }
}
