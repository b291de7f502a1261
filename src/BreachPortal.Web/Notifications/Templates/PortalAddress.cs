namespace BreachPortal.Web.Notifications.Templates;

public static class PortalAddress
{
    /// <summary>
    /// The portal's address as people should type it, from <c>Portal:PublicUrl</c>: host (and port and path, if
    /// any) without the scheme or a trailing slash, e.g. <c>https://www.example.gouv.fr/</c> → <c>www.example.gouv.fr</c>.
    /// Browsers add https themselves, and a bare address is less likely to be turned into a link.
    /// </summary>
    public static string ForPeople(string publicUrl)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        var value = publicUrl.Trim();
        if (value.Contains("://", StringComparison.Ordinal))
        {
            value = Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? (uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}") + uri.AbsolutePath
                : "";
        }

        value = value.TrimEnd('/');
        return value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || MessageText.IsControl(c))
            ? throw new ArgumentException("The portal's address (Portal:PublicUrl) is not set or is not an address.", nameof(publicUrl))
            : value;
    }

    /// <summary>The host part of an address as people type it (no port, no path), for comparisons.</summary>
    internal static string Host(string address)
    {
        var end = address.AsSpan().IndexOfAny('/', ':');
        return end < 0 ? address : address[..end];
    }
}
