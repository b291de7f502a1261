using System.Net;
using System.Text.RegularExpressions;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>What a visitor reads on a page, or on a part of it: its language, visible text, links, rows and sections.</summary>
public sealed partial class HtmlPage(string html)
{
    public string Html { get; } = html;

    public string Language => HtmlLang().Match(Html).Groups[1].Value;

    public string Title => WebUtility.HtmlDecode(TitleTag().Match(Html).Groups[1].Value.Trim());

    public string Heading => Normalize(StripTags(H1Tag().Match(Html).Groups[1].Value));

    /// <summary>Visible text, scripts removed, whitespace collapsed.</summary>
    public string Text => Normalize(StripTags(ScriptTag().Replace(Html, " ")));

    public IReadOnlyList<(string Href, string Text)> Links =>
        AnchorTag().Matches(Html)
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), Normalize(StripTags(m.Groups[2].Value))))
            .ToList();

    public string LinkHref(string text) =>
        Links.FirstOrDefault(l => l.Text == text).Href
        ?? throw new InvalidOperationException($"No link '{text}' on the page. Links: {string.Join(", ", Links.Select(l => l.Text))}");

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response) =>
        new(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// The element carrying this id, from its start tag to the first end tag of its name: nested elements of the same
    /// name are not counted, which is enough for rows, tables, sections and message groups.
    /// </summary>
    public HtmlPage Element(string id)
    {
        var start = StartTag(id).Match(Html);
        if (!start.Success)
        {
            throw new InvalidOperationException($"No element with id '{id}' on the page.");
        }

        var endTag = $"</{start.Groups[1].Value}>";
        var end = Html.IndexOf(endTag, start.Index + start.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException($"The element '{id}' is not closed on the page.");
        }

        return new HtmlPage(Html[start.Index..(end + endTag.Length)]);
    }

    /// <summary>The table row with this id.</summary>
    public HtmlPage Row(string id) =>
        Element(id) is var row && row.Html.StartsWith("<tr", StringComparison.Ordinal)
            ? row
            : throw new InvalidOperationException($"The element '{id}' is not a table row.");

    /// <summary>What lies between the first <paramref name="start"/> and the next <paramref name="end"/>, both left out.</summary>
    public HtmlPage Between(string start, string end)
    {
        var from = Html.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
        {
            throw new InvalidOperationException($"'{start}' is not on the page.");
        }

        from += start.Length;
        var to = Html.IndexOf(end, from, StringComparison.Ordinal);
        return to >= 0 ? new HtmlPage(Html[from..to]) : throw new InvalidOperationException($"'{end}' does not follow '{start}' on the page.");
    }

    private static Regex StartTag(string id) =>
        new($"<([a-z][a-z0-9]*)\\b[^>]*\\sid=\"{Regex.Escape(id)}\"[^>]*>", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string StripTags(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " "));

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex("<html[^>]*\\blang=\"([^\"]*)\"")]
    private static partial Regex HtmlLang();

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleTag();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex H1Tag();

    [GeneratedRegex("<script.*?</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<a\\b[^>]*\\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex AnchorTag();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
