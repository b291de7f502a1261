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
    public const int Length = 32;
    private const int StackLimit = 512;

    private static readonly string[] Prefixes = [.. Enum.GetNames<BlindIndexKind>().Select(name => name + ":")];

    // A one-shot HMAC sets its key up again for every value; an import computes four per row, millions of rows.
    // IncrementalHash keeps the keyed state and resets to it, but is not thread-safe: one per thread and key.
    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hmac)? _threadHmac;

    public byte[] Compute(BlindIndexKind kind, string normalizedValue)
    {
        ArgumentNullException.ThrowIfNull(normalizedValue);
        var prefix = Prefixes[(int)kind];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(prefix.Length + normalizedValue.Length);
        Span<byte> input = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : new byte[maxBytes];
        var written = Encoding.UTF8.GetBytes(prefix, input);
        written += Encoding.UTF8.GetBytes(normalizedValue, input[written..]);
        var hmac = HmacFor(keys.IndexKey);
        hmac.AppendData(input[..written]);
        var index = new byte[Length];
        hmac.GetHashAndReset(index);
        return index;
    }

    private static IncrementalHash HmacFor(byte[] key)
    {
        if (_threadHmac is { } cached && ReferenceEquals(cached.Key, key))
        {
            return cached.Hmac;
        }

        _threadHmac?.Hmac.Dispose();
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        _threadHmac = (key, hmac);
        return hmac;
    }
}

public enum BlindIndexKind
{
    Nir,
    FranceTravailId,
    Email,
    Phone,
}
