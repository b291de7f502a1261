using System.Net;
using System.Text.RegularExpressions;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>What a visitor reads on a page: its language, visible text and links.</summary>
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
