using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Hosting;

public sealed class StartupValidationTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task Production_WithoutRequiredSettings_RefusesToStartAndNamesEachOne()
    {
        var result = await PortalProcess.RunAsync(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__Portal"] = app.ConnectionString,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("The portal cannot start: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Portal:LegalNotice", result.Error, StringComparison.Ordinal);
        Assert.Contains("Portal:PublicUrl", result.Error, StringComparison.Ordinal);
        Assert.Contains("Email:From", result.Error, StringComparison.Ordinal);
        Assert.Contains("Protection:EncryptionKey (or Protection:EncryptionKeyFile) must be set", result.Error, StringComparison.Ordinal);
        Assert.Contains("Protection:IndexKey (or Protection:IndexKeyFile) must be set", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithTheDevelopmentMailbox_RefusesToStart()
    {
        var environment = ProductionSettings.AsEnvironment(app.ConnectionString);
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        environment["Email__Transport"] = "DevelopmentMailbox";

        var result = await PortalProcess.RunAsync(environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Email:Transport DevelopmentMailbox", result.Error, StringComparison.Ordinal);
    }
}
