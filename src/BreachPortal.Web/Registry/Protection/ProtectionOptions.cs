namespace BreachPortal.Web.Registry.Protection;

/// <summary>
/// The two secrets that keep the registry unreadable in a database copy: the encryption key of identity and
/// contact fields, and the key of their blind indexes. Both live outside the database (settings or key files).
/// </summary>
public sealed class ProtectionOptions
{
    public const string Section = "Protection";

    /// <summary>Base64 of 32 random bytes (AES-256-GCM), or <see cref="EncryptionKeyFile"/>.</summary>
    public string? EncryptionKey { get; set; }

    public string? EncryptionKeyFile { get; set; }

    /// <summary>Stored with every encrypted value, so that a new key can replace this one without re-encrypting at once.</summary>
    public string EncryptionKeyId { get; set; } = "k1";

    /// <summary>Earlier keys by id (base64), still used to read values they encrypted.</summary>
    public Dictionary<string, string> PreviousEncryptionKeys { get; set; } = [];

    /// <summary>Base64 of 32 random bytes (HMAC-SHA256 of the blind indexes), or <see cref="IndexKeyFile"/>.</summary>
    public string? IndexKey { get; set; }

    public string? IndexKeyFile { get; set; }
}
