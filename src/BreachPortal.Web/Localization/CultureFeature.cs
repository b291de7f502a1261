using System.Globalization;

namespace BreachPortal.Web.Localization;

/// <summary>The request's language and the path base it had before the language prefix was taken off.</summary>
public sealed class CultureFeature(CultureInfo culture, PathString pathBaseWithoutCulture)
{
    public CultureInfo Culture { get; } = culture;

    public PathString PathBaseWithoutCulture { get; } = pathBaseWithoutCulture;

    /// <summary>The address of the current page in another language.</summary>
    public string UrlFor(CultureInfo target, HttpRequest request)
    {
        var prefix = PortalCultures.IsEnglish(target) ? PathBaseWithoutCulture.Add(PortalCultures.EnglishPrefix) : PathBaseWithoutCulture;
        // The English home page is /en, as the pages' own links write it, not /en/.
        var path = request.Path == "/" && prefix.HasValue ? prefix : prefix.Add(request.Path);
        var value = path.HasValue ? path.ToUriComponent() : "/";
        return value + request.QueryString.ToUriComponent();
    }
}
