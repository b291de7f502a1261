using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Hosting;

public sealed class SecurityHeadersTests(PostgresServer server, PortalApp app) : IClassFixture<PortalApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/en/incidents/FT-2024-03")]
    [InlineData("/incidents/NO-SUCH-THING")]
    [InlineData("/lib/dsfr/dsfr.min.css")]
    [InlineData("/health/live")]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await app.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        var csp = Header(response, "Content-Security-Policy");
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), "The server should not announce itself.");
    }

    [Fact]
    public async Task Development_DoesNotSendHsts()
    {
        var response = await app.CreateClient().GetAsync("/", TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Production_OverHttps_SendsHstsForAYear()
    {
        await using var production = PortalFactory.Production(await server.CreateDatabaseAsync());
        var client = production.CreateClient(new() { BaseAddress = new Uri("https://portal.example.gouv.fr") });

        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal("max-age=31536000; includeSubDomains", Header(response, "Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from the response to {response.RequestMessage?.RequestUri}");
}
