using System.Globalization;

namespace BreachPortal.Web.Incidents;

/// <summary>A text the portal publishes in French (the reference language) and English.</summary>
public sealed record LocalizedText(string Fr, string En)
{
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? En : Fr;

    public string Current => For(CultureInfo.CurrentUICulture);

    /// <summary>Non-empty lines of the current language, for texts written one item per line.</summary>
    public IReadOnlyList<string> CurrentLines =>
        Current.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
