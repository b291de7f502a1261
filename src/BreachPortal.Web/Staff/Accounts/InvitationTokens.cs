using System.Security.Cryptography;
using System.Text;

namespace BreachPortal.Web.Staff.Accounts;

internal static class InvitationTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>256 random bits, URL-safe.</summary>
    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token.Trim()));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
