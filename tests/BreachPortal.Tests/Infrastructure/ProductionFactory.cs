namespace BreachPortal.Tests.Infrastructure;

/// <summary>The portal as deployed: Production, with the settings Production insists on.</summary>
public static class ProductionFactory
{
    public static PortalFactory Create(string connectionString)
    {
        var factory = new PortalFactory(connectionString, "Production");
        factory.Settings["Portal:LegalNotice:Host"] = "Test host, 1 rue de l'Essai, 75000 Paris";
        return factory;
    }
}
