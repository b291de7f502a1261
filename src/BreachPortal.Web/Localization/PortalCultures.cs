using System.Globalization;

namespace BreachPortal.Web.Localization;

/// <summary>French is the reference language and lives at the root; English lives under <c>/en</c>.</summary>
public static class PortalCultures
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public const string EnglishPrefix = "/en";
    public const string FrenchPrefix = "/fr";

    public static IReadOnlyList<CultureInfo> Supported { get; } = [French, English];

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>The value of <c>lang</c> and <c>hreflang</c> attributes.</summary>
    public static string LanguageTag(CultureInfo culture) => culture.TwoLetterISOLanguageName;
}
