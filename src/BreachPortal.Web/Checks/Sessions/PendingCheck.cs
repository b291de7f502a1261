using BreachPortal.Web.Registry.Protection;
using Microsoft.AspNetCore.DataProtection;

namespace BreachPortal.Web.Checks.Sessions;

/// <summary>
/// The contact a code was asked for, between <c>POST /check</c> and the code: kept in the visitor's browser in an
/// encrypted, time-limited cookie, so the answer page is the same HTML for everyone and the server holds nothing
/// for contacts it does not know.
/// </summary>
/// <param name="Kind">Email or phone.</param>
/// <param name="ContactIndex">The contact's blind index.</param>
/// <param name="Masked">The contact as the pages echo it.</param>
public sealed record PendingCheck(BlindIndexKind Kind, byte[] ContactIndex, string Masked)
{
    public const string CookieName = "bp.check";
    private const string Purpose = "BreachPortal.Checks.PendingCheck.v1";

    public static void Write(HttpContext context, IDataProtectionProvider protection, PendingCheck pending, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pending);
        var plain = $"{(int)pending.Kind}|{Convert.ToBase64String(pending.ContactIndex)}|{pending.Masked}";
        var value = Protector(protection).Protect(plain, lifetime);
        context.Response.Cookies.Append(CookieName, value, Options(lifetime));
    }

    /// <returns>The pending check, or null when there is none, it expired or it was tampered with.</returns>
    public static PendingCheck? Read(HttpContext context, IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = Protector(protection).Unprotect(value).Split('|', 3);
            return parts.Length == 3 && int.TryParse(parts[0], out var kind) && Enum.IsDefined((BlindIndexKind)kind)
                ? new PendingCheck((BlindIndexKind)kind, Convert.FromBase64String(parts[1]), parts[2])
                : null;
        }
        catch (Exception invalid) when (invalid is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    public static void Clear(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, Options(TimeSpan.Zero));
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    internal static CookieOptions Options(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        // As the staff cookies: browsers keep Secure cookies from http://localhost, so a local run works too.
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = lifetime > TimeSpan.Zero ? lifetime : null,
        IsEssential = true,
    };
}
