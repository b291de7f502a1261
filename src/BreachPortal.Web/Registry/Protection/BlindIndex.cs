using System.Security.Cryptography;
using System.Text;

namespace BreachPortal.Web.Registry.Protection;

/// <summary>
/// HMAC-SHA256 of a normalised identifier under a key kept outside the database: equal identifiers give equal
/// indexes for exact lookups, and without the key a leaked table cannot be matched against a list of NIRs.
/// The kind is part of the input, so a phone and an identifier with the same digits never collide.
/// </summary>
public sealed class BlindIndex(ProtectionKeys keys)
{
    public byte[] Compute(BlindIndexKind kind, string normalizedValue) =>
        HMACSHA256.HashData(keys.IndexKey, Encoding.UTF8.GetBytes($"{kind}:{normalizedValue}"));
}

public enum BlindIndexKind
{
    Nir,
    FranceTravailId,
    Email,
    Phone,
}
