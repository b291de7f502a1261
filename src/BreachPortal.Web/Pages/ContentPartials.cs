using System.Globalization;
using BreachPortal.Web.Localization;

namespace BreachPortal.Web.Pages;

/// <summary>
/// Long texts are written as one partial per language (<c>Shared/Content/_Name.fr.cshtml</c> and
/// <c>_Name.en.cshtml</c>): prose reads better in a page than in resource strings.
/// </summary>
public static class ContentPartials
{
    public const string Folder = "/Pages/Shared/Content";

    public static string For(string name) => For(name, CultureInfo.CurrentUICulture);

    public static string For(string name, CultureInfo culture) =>
        $"{Folder}/_{name}.{PortalCultures.LanguageTag(culture)}.cshtml";
}
