using System.Text.RegularExpressions;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Registry.Normalisation;

namespace BreachPortal.Web.Checks.Reports;

/// <summary>
/// What a report may keep of the text people paste: links reduced to their host (what a takedown needs), email
/// addresses masked, and any run of six or more digits (phone, NIR, IBAN, card, code) hidden.
/// </summary>
public static partial class ReportScrubber
{
    public const string Hidden = "•••";

    public static string Description(string? text)
    {
        var value = (text ?? "").Trim();
        value = Url().Replace(value, match => Host(match.Value) is { } host ? $"[{host}]" : Hidden);
        value = Email().Replace(value, match => Mask.Email(match.Value));
        value = Iban().Replace(value, Hidden);
        value = LongNumber().Replace(value, Hidden);
        return value.Length > FakeMessageReport.DescriptionMaxLength ? value[..FakeMessageReport.DescriptionMaxLength] : value;
    }

    /// <summary>The sender as typed → masked: an address, a number, or a short name kept as is.</summary>
    public static string? Sender(string? sender)
    {
        var value = sender?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Contains('@', StringComparison.Ordinal))
        {
            return Mask.Email(value);
        }

        var phone = PhoneNumber.Normalize(value);
        if (phone.IsValid)
        {
            return Mask.Phone(phone.Value);
        }

        // An alphanumeric sender id (at most 11 characters, such as "AMELI") is no one's personal data.
        var scrubbed = LongNumber().Replace(value, Hidden);
        return scrubbed.Length > 40 ? scrubbed[..40] : scrubbed;
    }

    /// <summary>The distinct hosts of the links in a text, for staff to have taken down.</summary>
    public static string? LinkHosts(string? text)
    {
        var hosts = Url().Matches(text ?? "").Select(m => Host(m.Value)).OfType<string>().Distinct(StringComparer.Ordinal).Take(20).ToList();
        return hosts.Count == 0 ? null : string.Join(' ', hosts);
    }

    private static string? Host(string url)
    {
        var candidate = url.Contains("://", StringComparison.Ordinal) ? url : "https://" + url;
        return Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Host.Contains('.', StringComparison.Ordinal)
            ? uri.IdnHost.ToLowerInvariant()
            : null;
    }

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Url();

    [GeneratedRegex(@"[^\s<>""'@]+@[^\s<>""'@]+\.[^\s<>""'@]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    // The last group may be shorter than four: a French IBAN (27 characters) ends with a group of three.
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?\d{1,3}\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Iban();

    [GeneratedRegex(@"\+?\d(?:[\s.\-]?\d){5,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LongNumber();
}
