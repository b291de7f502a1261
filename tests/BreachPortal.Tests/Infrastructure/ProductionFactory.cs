namespace BreachPortal.Tests.Infrastructure;

/// <summary>The portal as deployed: Production, with the settings Production insists on.</summary>
public static class ProductionFactory
{
    /// <summary>What Production refuses to start without.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Portal:LegalNotice:Host"] = "Test host, 1 rue de l'Essai, 75000 Paris",
        ["Portal:PublicUrl"] = "https://portail.example.test",
        ["Email:From"] = "console@example.test",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Protection:EncryptionKey"] = TestKeys.Encryption,
        ["Protection:IndexKey"] = TestKeys.Index,
    };

    public static PortalFactory Create(string connectionString)
    {
        var factory = new PortalFactory(connectionString, "Production");
        foreach (var (key, value) in Settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }
}
