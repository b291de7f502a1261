using System.Text.RegularExpressions;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>
/// What an HTML version may not contain: nothing that links, loads, runs or submits (links, images, scripts,
/// frames, forms, embedded objects, event handlers, <c>javascript:</c>, CSS <c>url(…)</c>), and no placeholder
/// inside a tag or a style sheet, where HTML encoding alone does not make a value harmless.
/// </summary>
internal static partial class HtmlSafety
{
    /// <summary>Each forbidden construct, as written (<c>&lt;a</c>, <c>onclick=</c>, <c>javascript:</c>), once each.</summary>
    public static IReadOnlyList<string> ForbiddenConstructs(string html)
    {
        var found = new List<string>();
        foreach (Match tag in ForbiddenTag().Matches(html))
        {
            Add(found, "<" + tag.Groups["name"].Value);
        }

        foreach (Match tag in AnyTag().Matches(html))
        {
            foreach (Match attribute in ForbiddenAttribute().Matches(tag.Value))
            {
                Add(found, attribute.Groups["name"].Value + "=");
            }

            if (DataUri().IsMatch(tag.Value))
            {
                Add(found, "data:");
            }
        }

        foreach (Match script in ScriptScheme().Matches(html))
        {
            Add(found, script.Groups["scheme"].Value + ":");
        }

        foreach (Match css in CssLoad().Matches(html))
        {
            Add(found, css.Groups["what"].Value);
        }

        return found;
    }

    /// <summary>Whether <paramref name="position"/> is inside a tag (<c>&lt;p title="…"&gt;</c>) or a <c>&lt;style&gt;</c> element.</summary>
    public static bool IsInMarkup(string html, int position)
    {
        var before = html.AsSpan(0, position);
        if (before.LastIndexOf('<') > before.LastIndexOf('>'))
        {
            return true;
        }

        return before.LastIndexOf("<style", StringComparison.OrdinalIgnoreCase) > before.LastIndexOf("</style", StringComparison.OrdinalIgnoreCase);
    }

    private static void Add(List<string> found, string construct)
    {
        if (!found.Contains(construct, StringComparer.OrdinalIgnoreCase))
        {
            found.Add(construct);
        }
    }

    [GeneratedRegex(
        @"<\s*/?\s*(?<name>a|area|img|image|picture|source|script|noscript|iframe|frame|frameset|form|input|button|select|textarea|object|embed|applet|link|base|svg|math|video|audio|track|portal|template)(?=[\s/>]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 2000)]
    private static partial Regex ForbiddenTag();

    [GeneratedRegex(@"<[^<>]*>?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex AnyTag();

    [GeneratedRegex(
        @"[\s""'/](?<name>on[a-z]+|href|src|srcset|lowsrc|dynsrc|action|formaction|background|poster|ping|xlink:href|http-equiv)\s*=",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 2000)]
    private static partial Regex ForbiddenAttribute();

    [GeneratedRegex(@"(?<scheme>javascript|vbscript|livescript)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ScriptScheme();

    [GeneratedRegex(@"=\s*[""']?\s*data\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex DataUri();

    [GeneratedRegex(@"(?<what>url\s*\(|@import|expression\s*\()", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CssLoad();
}
