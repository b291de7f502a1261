namespace BreachPortal.Web.Registry.Protection;

/// <summary>The keys read from <see cref="ProtectionOptions"/>, checked once: 32 bytes each, and never the same.</summary>
public sealed class ProtectionKeys
{
    public const int KeyBytes = 32;

    private ProtectionKeys(string currentKeyId, IReadOnlyDictionary<string, byte[]> encryptionKeys, byte[] indexKey)
    {
        CurrentKeyId = currentKeyId;
        EncryptionKeys = encryptionKeys;
        IndexKey = indexKey;
    }

    public string CurrentKeyId { get; }

    public IReadOnlyDictionary<string, byte[]> EncryptionKeys { get; }

    public byte[] IndexKey { get; }

    /// <summary>The keys, or every problem with the settings, each named.</summary>
    public static (ProtectionKeys? Keys, IReadOnlyList<string> Problems) Load(ProtectionOptions options)
    {
        var problems = new List<string>();
        var current = Read(options.EncryptionKey, options.EncryptionKeyFile, "Protection:EncryptionKey", problems);
        var index = Read(options.IndexKey, options.IndexKeyFile, "Protection:IndexKey", problems);
        if (string.IsNullOrWhiteSpace(options.EncryptionKeyId) || options.EncryptionKeyId.Length > 32 || !options.EncryptionKeyId.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add("Protection:EncryptionKeyId must be 1 to 32 letters or digits.");
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, value) in options.PreviousEncryptionKeys)
        {
            if (Read(value, null, $"Protection:PreviousEncryptionKeys:{id}", problems) is { } previous)
            {
                keys[id] = previous;
            }
        }

        if (current is not null && index is not null && current.AsSpan().SequenceEqual(index))
        {
            problems.Add("Protection:EncryptionKey and Protection:IndexKey must be different keys.");
        }

        if (problems.Count > 0 || current is null || index is null)
        {
            return (null, problems);
        }

        keys[options.EncryptionKeyId] = current;
        return (new ProtectionKeys(options.EncryptionKeyId, keys, index), problems);
    }

    private static byte[]? Read(string? base64, string? file, string name, List<string> problems)
    {
        var text = base64;
        if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file))
            {
                problems.Add($"{name}File names a file that does not exist.");
                return null;
            }

            text = File.ReadAllText(file).Trim();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{name} (or {name}File) must be set: base64 of {KeyBytes} random bytes, e.g. from `openssl rand -base64 {KeyBytes}`.");
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            if (bytes.Length == KeyBytes)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        problems.Add($"{name} must be base64 of exactly {KeyBytes} bytes.");
        return null;
    }
}
