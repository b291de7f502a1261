using System.Globalization;
using System.Text;

namespace BreachPortal.Web.Notifications.Templates;

public enum SmsEncoding
{
    Gsm7 = 1,
    Ucs2 = 2,
}

/// <summary>
/// How an SMS text travels. <see cref="Units"/> are septets in GSM-7 (an extension character counts 2) and UTF-16
/// code units in UCS-2 (a character outside the BMP counts 2). <see cref="Segments"/> is 0 for an empty text.
/// <see cref="FirstNonGsm7"/> is the character that switched the whole text to UCS-2, if any.
/// </summary>
public readonly record struct SmsAnalysis(SmsEncoding Encoding, int Units, int Segments, string? FirstNonGsm7);

/// <summary>GSM 03.38 default alphabet and its extension table; segment counts as gateways bill them.</summary>
public static class SmsSegments
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    // Every GSM-7 character is below U+0400 except €: a flat table answers in one read.
    private static readonly byte[] Costs = BuildCosts();

    public static SmsAnalysis Analyse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = Gsm7Cost(text[i]);
            if (cost == 0)
            {
                return AnalyseUcs2(text, NonGsm7At(text, i));
            }

            septets += cost;
        }

        if (septets <= Gsm7Single)
        {
            return new(SmsEncoding.Gsm7, septets, septets == 0 ? 0 : 1, null);
        }

        // An escape and its character never straddle two parts.
        int segments = 1, used = 0;
        foreach (var c in text)
        {
            var cost = Gsm7Cost(c);
            if (used + cost > Gsm7Part)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return new(SmsEncoding.Gsm7, septets, segments, null);
    }

    /// <summary>0 when the character is not in GSM-7, 1 in the default alphabet, 2 in the extension table.</summary>
    public static int Gsm7Cost(char c) => c < Costs.Length ? Costs[c] : c == '€' ? 2 : 0;

    public static bool IsGsm7(string text) => text.All(c => Gsm7Cost(c) != 0);

    /// <summary>
    /// The name with each letter GSM-7 lacks replaced by its base letter (ç → c, ô → o, ï → i, œ → oe): one such
    /// letter in a first name would switch a whole notification to UCS-2 and roughly double its cost. A name that
    /// still needs UCS-2 afterwards (another script) is returned as it was.
    /// </summary>
    public static string FoldToGsm7(string name)
    {
        if (IsGsm7(name))
        {
            return name;
        }

        var folded = new StringBuilder(name.Length + 2);
        foreach (var c in name)
        {
            if (Gsm7Cost(c) != 0)
            {
                folded.Append(c);
                continue;
            }

            switch (c)
            {
                case 'œ':
                    folded.Append("oe");
                    continue;
                case 'Œ':
                    folded.Append("OE");
                    continue;
                case '’' or 'ʼ' or '‘':
                    folded.Append('\'');
                    continue;
                case '\u00A0' or '\u202F':
                    folded.Append(' ');
                    continue;
                case '‐' or '‑' or '–' or '—':
                    folded.Append('-');
                    continue;
            }

            if (char.IsSurrogate(c))
            {
                folded.Append(c);
                continue;
            }

            foreach (var part in new string(c, 1).Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    folded.Append(part);
                }
            }
        }

        var result = folded.ToString();
        return IsGsm7(result) ? result : name;
    }

    private static SmsAnalysis AnalyseUcs2(string text, string firstNonGsm7)
    {
        if (text.Length <= Ucs2Single)
        {
            return new(SmsEncoding.Ucs2, text.Length, 1, firstNonGsm7);
        }

        // A surrogate pair is never split between two parts.
        int segments = 1, used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var units = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + units > Ucs2Part)
            {
                segments++;
                used = 0;
            }

            used += units;
            i += units - 1;
        }

        return new(SmsEncoding.Ucs2, text.Length, segments, firstNonGsm7);
    }

    private static string NonGsm7At(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? text.Substring(index, 2) : new string(text[index], 1);

    private static byte[] BuildCosts()
    {
        var costs = new byte[0x400];
        foreach (var c in Basic)
        {
            costs[c] = 1;
        }

        foreach (var c in Extension)
        {
            if (c < costs.Length)
            {
                costs[c] = 2;
            }
        }

        return costs;
    }
}
