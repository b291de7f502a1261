using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Hosting;

public sealed class StartupValidationTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task Production_WithoutTheLegalNoticeHost_RefusesToStartAndSaysWhy()
    {
        var result = await PortalProcess.RunAsync(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__Portal"] = app.ConnectionString,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The portal cannot start: Portal:LegalNotice", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
