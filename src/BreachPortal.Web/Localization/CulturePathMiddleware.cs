using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace BreachPortal.Web.Localization;

/// <summary>
/// Takes the language from the address: <c>/en/…</c> is English, anything else French. The prefix
/// moves into the path base, so every link the pages generate stays in the visitor's language.
/// Nothing else (header, cookie, query) can change the language, so a page's address says what it shows.
/// Async on purpose: the culture set here must not flow back to the middleware before it (logging).
/// </summary>
public sealed class CulturePathMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var originalPathBase = request.PathBase;
        var culture = PortalCultures.French;

        if (request.Path.StartsWithSegments(PortalCultures.EnglishPrefix, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            culture = PortalCultures.English;
            request.PathBase = originalPathBase.Add(PortalCultures.EnglishPrefix);
            request.Path = rest.HasValue ? rest : "/";
        }
        else if (request.Path.StartsWithSegments(PortalCultures.FrenchPrefix, StringComparison.OrdinalIgnoreCase, out var frenchRest)
            && HttpMethods.IsGet(request.Method))
        {
            var canonical = originalPathBase.Add(frenchRest.HasValue ? frenchRest : "/");
            context.Response.Redirect(canonical.ToUriComponent() + request.QueryString.ToUriComponent(), permanent: true);
            return;
        }

        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        context.Features.Set(new CultureFeature(culture, originalPathBase));
        context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(culture), provider: null));
        context.Response.Headers.ContentLanguage = PortalCultures.LanguageTag(culture);
        await next(context);
    }
}
