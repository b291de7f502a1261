using System.Security.Cryptography;
using System.Text;

namespace BreachPortal.Web.Registry.Protection;

/// <summary>
/// AES-256-GCM for one field value. Layout: version (1) · key id length (1) · key id · nonce (12) · tag (16) ·
/// ciphertext. The column's name is authenticated as associated data, so a value copied into another column
/// (an email where a phone belongs) fails to decrypt instead of being shown as the wrong thing.
/// </summary>
public sealed class FieldProtector(ProtectionKeys keys)
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    // AesGcm keeps native state that is not safe to share between threads; one per thread and key avoids
    // re-deriving the key schedule for every value of a multi-million-row import.
    [ThreadStatic]
    private static (byte[] Key, AesGcm Cipher)? _threadCipher;

    // Random nonces, drawn a few hundred at a time: the system generator costs as much per call as the encryption.
    [ThreadStatic]
    private static NonceSource? _threadNonces;

    public string CurrentKeyId => keys.CurrentKeyId;

    public byte[] Protect(string value, string column) =>
        Protect(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(column));

    /// <exception cref="CryptographicException">The value was altered, belongs to another column, or its key is not configured.</exception>
    public string Unprotect(byte[] protectedValue, string column) =>
        Encoding.UTF8.GetString(Unprotect(protectedValue, Encoding.UTF8.GetBytes(column)));

    /// <param name="plain">The bytes to protect.</param>
    /// <param name="associatedData">Authenticated with the value: what the value belongs to (a column, a row).</param>
    public byte[] Protect(ReadOnlySpan<byte> plain, ReadOnlySpan<byte> associatedData)
    {
        var keyId = Encoding.ASCII.GetBytes(keys.CurrentKeyId);
        var output = new byte[2 + keyId.Length + NonceBytes + TagBytes + plain.Length];
        output[0] = Version;
        output[1] = (byte)keyId.Length;
        keyId.CopyTo(output, 2);
        var nonce = output.AsSpan(2 + keyId.Length, NonceBytes);
        (_threadNonces ??= new NonceSource()).Fill(nonce);
        CipherFor(keys.EncryptionKeys[keys.CurrentKeyId]).Encrypt(
            nonce, plain, output.AsSpan(2 + keyId.Length + NonceBytes + TagBytes), output.AsSpan(2 + keyId.Length + NonceBytes, TagBytes), associatedData);
        return output;
    }

    /// <exception cref="CryptographicException">The value was altered, belongs to something else, or its key is not configured.</exception>
    public byte[] Unprotect(byte[] protectedValue, ReadOnlySpan<byte> associatedData)
    {
        if (protectedValue.Length < 2 + NonceBytes + TagBytes || protectedValue[0] != Version)
        {
            throw new CryptographicException("The protected value has an unknown format.");
        }

        var keyIdLength = protectedValue[1];
        var keyId = Encoding.ASCII.GetString(protectedValue, 2, keyIdLength);
        if (!keys.EncryptionKeys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"The value was encrypted with key '{keyId}', which is not configured (Protection:PreviousEncryptionKeys).");
        }

        var offset = 2 + keyIdLength;
        var cipher = protectedValue.AsSpan(offset + NonceBytes + TagBytes);
        var plain = new byte[cipher.Length];
        CipherFor(key).Decrypt(protectedValue.AsSpan(offset, NonceBytes), cipher, protectedValue.AsSpan(offset + NonceBytes, TagBytes), plain, associatedData);
        return plain;
    }

    /// <summary>The key id a stored value names, for re-encrypting with the current key after a rotation.</summary>
    public static string KeyIdOf(byte[] protectedValue) => Encoding.ASCII.GetString(protectedValue, 2, protectedValue[1]);

    private static AesGcm CipherFor(byte[] key)
    {
        if (_threadCipher is { } cached && ReferenceEquals(cached.Key, key))
        {
            return cached.Cipher;
        }

        _threadCipher?.Cipher.Dispose();
        var cipher = new AesGcm(key, TagBytes);
        _threadCipher = (key, cipher);
        return cipher;
    }

    private sealed class NonceSource
    {
        private readonly byte[] _random = new byte[NonceBytes * 341];
        private int _used;

        public NonceSource() => _used = _random.Length;

        public void Fill(Span<byte> nonce)
        {
            if (_used + nonce.Length > _random.Length)
            {
                RandomNumberGenerator.Fill(_random);
                _used = 0;
            }

            // Each random byte serves once: nonces are exactly as random as drawn one by one.
            _random.AsSpan(_used, nonce.Length).CopyTo(nonce);
            _used += nonce.Length;
        }
    }
}
