namespace BreachPortal.Web.Privacy;

/// <summary>The most of an identifier that a log line, an audit event or a staff page may show.</summary>
public static class Mask
{
    private const string Hidden = "•••";

    /// <summary><c>jean.dupont@example.fr</c> → <c>j•••@example.fr</c>; anything that is not an address → <c>•••</c>.</summary>
    public static string Email(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return Hidden;
        }

        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at < 1 || at == trimmed.Length - 1)
        {
            return Hidden;
        }

        return string.Concat(trimmed.AsSpan(0, 1), Hidden, trimmed.AsSpan(at)).ToLowerInvariant();
    }
}
