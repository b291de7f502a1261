using System.Text.RegularExpressions;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>
/// Finds what a reader or a mail client would take for a web address: anything with a scheme (<c>https://</c>),
/// anything starting with <c>www.</c>, and bare domains whose last label is a top-level domain in common use
/// (<c>secure-france-travail.fr</c>, <c>example.com/login</c>). Abbreviations (<c>M. Dupont</c>, <c>etc.</c>), numbers
/// and file names (<c>avis.pdf</c>) are not addresses. Email addresses are not web addresses.
/// </summary>
internal static partial class WebAddresses
{
    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "fr", "com", "net", "org", "info", "biz", "eu", "io", "co", "me", "app", "dev", "xyz", "online", "site", "top",
        "shop", "store", "link", "click", "live", "help", "support", "services", "email", "gov", "edu", "int",
        "be", "ch", "lu", "mc", "ca", "uk", "de", "es", "it", "nl", "pt", "at", "ie", "pl", "ro", "cz", "se", "dk", "fi",
        "no", "gr", "us", "ru", "cn", "in", "br", "jp", "au", "tk", "ml", "ga", "cf", "gq", "cc", "tv", "ws", "ly", "to",
        "re", "gp", "mq", "gf", "yt", "pm", "nc", "pf", "wf", "ma", "dz", "tn", "sn", "ci",
        "bzh", "paris", "alsace", "corsica", "eus",
    };

    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', ')', ']', '»', '"', '\''];

    /// <summary>Each address found in <paramref name="text"/> other than the portal's, as written, once each.</summary>
    /// <param name="text">Literal text (placeholders blanked).</param>
    /// <param name="portalHost">The host people type to reach the portal; written without a scheme, it is allowed.</param>
    public static IReadOnlyList<string> Find(string text, string portalHost)
    {
        var found = new List<string>();
        foreach (Match match in Candidate().Matches(text))
        {
            var address = match.Value.TrimEnd(TrailingPunctuation);
            var isAddress = match.Groups["scheme"].Success
                || match.Groups["www"].Success
                || TopLevelDomains.Contains(match.Groups["tld"].Value);
            if (isAddress && !IsPortal(address, match.Groups["scheme"].Success, portalHost) && !found.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                found.Add(address);
            }
        }

        return found;
    }

    // A scheme makes it a link in most mail clients, even to the portal: people type the address instead.
    private static bool IsPortal(string address, bool hasScheme, string portalHost) =>
        !hasScheme && string.Equals(PortalAddress.Host(address), portalHost, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(
        """(?<![\w@.\-])(?:(?<scheme>[a-z][a-z0-9+.\-]*://)[^\s<>"']*|(?<www>www\.)[^\s<>"']+|(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?<tld>[a-z]{2,24})(?![\w@\-])(?:[:/][^\s<>"']*)?)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 2000)]
    private static partial Regex Candidate();
}
