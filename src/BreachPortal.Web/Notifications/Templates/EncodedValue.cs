namespace BreachPortal.Web.Notifications.Templates;

/// <summary>One inserted value, ready for each place it can land: text body, single line (subject), HTML body.</summary>
internal sealed record EncodedValue(string Text, string Line, string Html)
{
    public static EncodedValue OfLine(string value)
    {
        var line = MessageText.SingleLine(value);
        return new(line, line, MessageText.HtmlEncode(line));
    }

    /// <summary>A text written one item per line; <paramref name="bullet"/> marks each item of a list.</summary>
    public static EncodedValue OfLines(string value, bool bullet, string lineSeparator)
    {
        var lines = MessageText.Lines(value);
        return new(
            string.Join('\n', lines.Select(l => bullet ? "- " + l : l)),
            string.Join(lineSeparator, lines),
            string.Join("<br>", lines.Select(l => (bullet ? "• " : "") + MessageText.HtmlEncode(l))));
    }
}
