using System.Globalization;
using System.Resources;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Localization;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>
/// Marker for the staff-facing words about templates in TemplateTexts.resx (French) and TemplateTexts.en.resx,
/// keyed like the registry's reject reasons: a stable code, then its text in each language.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T> and the ResourceManager; it is never instantiated.
public sealed class TemplateTexts
#pragma warning restore CA1052
{
    private static readonly ResourceManager Resources = new(typeof(TemplateTexts));

    /// <summary>The problem's message in French and English; <paramref name="arguments"/> fill {1}, {2}… after the part.</summary>
    internal static LocalizedText Problem(string code, TemplatePart part, params object?[] arguments) =>
        new(Format(PortalCultures.French, code, part, arguments), Format(PortalCultures.English, code, part, arguments));

    internal static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"TemplateTexts has no '{key}' in {culture.Name}.");

    private static string Format(CultureInfo culture, string code, TemplatePart part, object?[] arguments) =>
        string.Format(culture, Text(code, culture), [Text($"Part.{part}", culture), .. arguments]);
}
