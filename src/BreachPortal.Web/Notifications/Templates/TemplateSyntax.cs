namespace BreachPortal.Web.Notifications.Templates;

/// <summary>One piece of a parsed text: literal text, or a placeholder (then <see cref="Literal"/> is null).</summary>
internal readonly record struct TemplateSegment(string? Literal, Placeholder Placeholder, int Position);

internal enum SyntaxErrorKind
{
    Malformed,
    UnknownPlaceholder,
}

/// <summary>What is wrong at <see cref="Position"/>; <see cref="Excerpt"/> is the text as written, for the author.</summary>
internal readonly record struct SyntaxError(SyntaxErrorKind Kind, string Excerpt, int Position);

internal sealed record ParsedText(TemplateSegment[] Segments, IReadOnlyList<SyntaxError> Errors)
{
    public bool Uses(Placeholder placeholder) => Segments.Any(s => s.Literal is null && s.Placeholder == placeholder);
}

/// <summary>Splits a template text into literals and <c>{{name}}</c> placeholders (syntax in <see cref="Placeholders"/>).</summary>
internal static class TemplateSyntax
{
    private const int MaxExcerpt = 40;

    public static ParsedText Parse(string text)
    {
        var segments = new List<TemplateSegment>();
        var errors = new List<SyntaxError>();
        var literalStart = 0;
        var i = 0;
        while (i < text.Length - 1)
        {
            var open = text[i] == '{' && text[i + 1] == '{';
            var close = text[i] == '}' && text[i + 1] == '}';
            if (!open && !close)
            {
                i++;
                continue;
            }

            if (close)
            {
                var wordStart = i;
                while (wordStart > 0 && i - wordStart < 20 && !char.IsWhiteSpace(text[wordStart - 1]))
                {
                    wordStart--;
                }

                errors.Add(new(SyntaxErrorKind.Malformed, Excerpt(text, wordStart, i + 2), i));
                i += 2;
                continue;
            }

            var nameStart = i + 2;
            var nameEnd = nameStart;
            while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] == '_'))
            {
                nameEnd++;
            }

            var closed = nameEnd > nameStart && nameEnd + 1 < text.Length && text[nameEnd] == '}' && text[nameEnd + 1] == '}';
            if (!closed)
            {
                var closing = text.IndexOf("}}", nameStart, StringComparison.Ordinal);
                var newline = text.IndexOf('\n', nameStart);
                var end = closing >= 0 && closing - i <= MaxExcerpt && (newline < 0 || newline > closing) ? closing + 2 : -1;
                errors.Add(new(SyntaxErrorKind.Malformed, Excerpt(text, i, end >= 0 ? end : Math.Min(text.Length, i + 20)), i));
                i = end >= 0 ? end : i + 2;
                continue;
            }

            if (!Placeholders.TryParse(text.AsSpan(nameStart, nameEnd - nameStart), out var placeholder))
            {
                errors.Add(new(SyntaxErrorKind.UnknownPlaceholder, text[i..(nameEnd + 2)], i));
            }
            else
            {
                if (i > literalStart)
                {
                    segments.Add(new(text[literalStart..i], default, literalStart));
                }

                segments.Add(new(null, placeholder, i));
                literalStart = nameEnd + 2;
            }

            i = nameEnd + 2;
        }

        if (literalStart < text.Length)
        {
            segments.Add(new(text[literalStart..], default, literalStart));
        }

        return new([.. segments], errors);
    }

    /// <summary>The text with every <c>{{…}}</c> replaced by a space, for checks that look at the literal words only.</summary>
    public static string BlankPlaceholders(string text)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var chars = text.ToCharArray();
        var start = text.IndexOf("{{", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf("}}", start + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            chars.AsSpan(start, end + 2 - start).Fill(' ');
            start = text.IndexOf("{{", end + 2, StringComparison.Ordinal);
        }

        return new string(chars);
    }

    private static string Excerpt(string text, int start, int end) =>
        text[start..Math.Min(end, text.Length)].ReplaceLineEndings(" ");
}
