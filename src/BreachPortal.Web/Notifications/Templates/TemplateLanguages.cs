using System.Globalization;
using BreachPortal.Web.Localization;

namespace BreachPortal.Web.Notifications.Templates;

public static class TemplateLanguages
{
    public const string French = "fr";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [French, English];

    public static bool IsSupported(string? language) => language is French or English;

    internal static CultureInfo Culture(string language) => language == English ? PortalCultures.English : PortalCultures.French;
}
