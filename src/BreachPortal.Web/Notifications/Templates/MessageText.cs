using System.Buffers;
using System.Text;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>Encoding of inserted values for each place they can land: text, one line (a header), HTML.</summary>
internal static class MessageText
{
    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("&<>\"'");

    /// <summary>
    /// C0 and C1 controls, line and paragraph separators, and the bidirectional controls that can make a text read
    /// differently from what it contains (an address shown reversed).
    /// </summary>
    public static bool IsControl(char c) =>
        c < ' ' || c is (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C'
            or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>One line with no control character: line breaks and tabs become spaces, the rest is removed.</summary>
    public static string SingleLine(string value)
    {
        var clean = true;
        foreach (var c in value)
        {
            if (IsControl(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) ? value.Trim() : value;
        }

        var line = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\n' or '\r' or '\t' or '\u0085' or '\u2028' or '\u2029')
            {
                if (line.Length > 0 && line[^1] != ' ')
                {
                    line.Append(' ');
                }
            }
            else if (!IsControl(c))
            {
                line.Append(c);
            }
        }

        return line.ToString().Trim();
    }

    /// <summary>The non-empty lines of a multi-line text, trimmed, without control characters.</summary>
    public static IReadOnlyList<string> Lines(string value) =>
        [.. value.ReplaceLineEndings("\n").Split('\n').Select(SingleLine).Where(l => l.Length > 0)];

    public static string HtmlEncode(string value)
    {
        var first = value.AsSpan().IndexOfAny(HtmlSpecial);
        if (first < 0)
        {
            return value;
        }

        var encoded = new StringBuilder(value.Length + 16);
        encoded.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '&':
                    encoded.Append("&amp;");
                    break;
                case '<':
                    encoded.Append("&lt;");
                    break;
                case '>':
                    encoded.Append("&gt;");
                    break;
                case '"':
                    encoded.Append("&quot;");
                    break;
                case '\'':
                    encoded.Append("&#39;");
                    break;
                default:
                    encoded.Append(value[i]);
                    break;
            }
        }

        return encoded.ToString();
    }
}
