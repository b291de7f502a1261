using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Hosting;

public sealed class HttpLoggingTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task Request_IsLoggedWithItsPathButNeverItsQueryStringOrHeaders()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = new PortalFactory(app.ConnectionString) { ExtraLogger = logs };
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "session=secret-cookie-value");

        await client.GetAsync("/incidents/FT-2024-03?email=jean.dupont%40example.org&nir=295109912611193", TestContext.Current.CancellationToken);

        var requestLogs = logs.Entries.Where(e => e.Category.StartsWith("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)).ToList();
        Assert.Contains(requestLogs, e => e.Message.Contains("/incidents/FT-2024-03", StringComparison.Ordinal) && e.Message.Contains("200", StringComparison.Ordinal));
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain("jean.dupont", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("295109912611193", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-cookie-value", e.Message, StringComparison.Ordinal);
        });
    }
}
