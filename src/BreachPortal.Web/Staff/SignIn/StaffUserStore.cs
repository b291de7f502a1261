using System.Security.Cryptography;
using System.Text;
using BreachPortal.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace BreachPortal.Web.Staff.SignIn;

/// <summary>
/// Identity's store keeps recovery codes and the authenticator key in clear in the tokens table. Here recovery
/// codes are kept as SHA-256 hashes (they are random, so unsalted hashes suffice) and the authenticator key is
/// encrypted with Data Protection: a copy of the database alone does not let anyone pass the second factor.
/// </summary>
public sealed class StaffUserStore(PortalDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<StaffUser, IdentityRole<Guid>, PortalDbContext, Guid>(context, describer)
{
    private const string InternalLoginProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyTokenName = "AuthenticatorKey";
    private const string RecoveryCodeTokenName = "RecoveryCodes";

    private readonly IDataProtector _keyProtector = protection.CreateProtector("BreachPortal.Staff.AuthenticatorKey");

    public override Task SetAuthenticatorKeyAsync(StaffUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyTokenName, _keyProtector.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyTokenName, cancellationToken);
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        try
        {
            return _keyProtector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            // The Data Protection keys that encrypted it are gone: the person must enrol again.
            return null;
        }
    }

    public override Task ReplaceCodesAsync(StaffUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(';', recoveryCodes.Select(HashCode)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(StaffUser user, string code, CancellationToken cancellationToken)
    {
        var hashes = await StoredHashesAsync(user, cancellationToken);
        var hash = HashCode(code);
        if (!hashes.Contains(hash, StringComparer.Ordinal))
        {
            return false;
        }

        await SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(';', hashes.Where(h => h != hash)), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(StaffUser user, CancellationToken cancellationToken) =>
        (await StoredHashesAsync(user, cancellationToken)).Count;

    private async Task<List<string>> StoredHashesAsync(StaffUser user, CancellationToken cancellationToken) =>
        (await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string HashCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant())));
}
