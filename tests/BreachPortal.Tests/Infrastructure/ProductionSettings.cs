namespace BreachPortal.Tests.Infrastructure;

/// <summary>What Production refuses to start without, for the portal in this process or run as a process of its own.</summary>
public static class ProductionSettings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>
    {
        ["Portal:LegalNotice:Host"] = "Test host, 1 rue de l'Essai, 75000 Paris",
        ["Portal:PublicUrl"] = "https://portail.example.test",
        ["Email:From"] = "console@example.test",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Protection:EncryptionKey"] = TestKeys.Encryption,
        ["Protection:IndexKey"] = TestKeys.Index,
    };

    /// <summary>These values on the database, as the environment variables a portal process reads.</summary>
    public static Dictionary<string, string?> AsEnvironment(string connectionString) =>
        AsEnvironment([new("ConnectionStrings:Portal", connectionString)]);

    /// <summary>These values and <paramref name="settings"/> over them, as environment variables (<c>Section__Key</c>).</summary>
    public static Dictionary<string, string?> AsEnvironment(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in Values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)).Concat(settings))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }
}
