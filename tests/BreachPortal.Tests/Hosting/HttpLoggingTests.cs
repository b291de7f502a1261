using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Hosting;

namespace BreachPortal.Tests.Hosting;

public sealed class HttpLoggingTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Email = "jean.dupont@example.org";
    private const string Nir = "295109912611193";

    [Fact]
    public async Task Request_IsLoggedOnceWithItsRouteTemplate_NeverItsPathQueryStringHeadersOrBody()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = new PortalFactory(app.ConnectionString) { ExtraLogger = logs };
        var client = factory.CreateClient(PortalFactory.NoRedirects());
        client.DefaultRequestHeaders.Add("Cookie", "session=secret-cookie-value");

        await client.GetAsync($"/incidents/FT-2024-03?email={Uri.EscapeDataString(Email)}&nir={Nir}", TestContext.Current.CancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Contact"] = Email, ["nir"] = Nir });
        await client.PostAsync($"/check?contact={Uri.EscapeDataString(Email)}&nir={Nir}", form, TestContext.Current.CancellationToken);
        await client.GetAsync($"/{Uri.EscapeDataString(Email)}/{Nir}", TestContext.Current.CancellationToken);

        var requests = await Eventually.WaitAsync(
            () => logs.Entries.Where(e => e.Message.StartsWith("HTTP ", StringComparison.Ordinal)).Select(e => e.Message).ToList(),
            lines => lines.Count >= 3,
            lines => $"{lines.Count} request lines logged");
        Assert.Contains("HTTP GET /incidents/{reference} responded 200", requests[0], StringComparison.Ordinal);
        Assert.StartsWith("HTTP POST /check responded ", requests[1], StringComparison.Ordinal);
        Assert.StartsWith($"HTTP GET {PortalLogging.NoRoute} responded 404", requests[2], StringComparison.Ordinal);
        Assert.Single(requests, r => r.Contains("/incidents/", StringComparison.Ordinal));
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain("jean.dupont", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Nir, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-cookie-value", e.Message, StringComparison.Ordinal);
        });
    }
}
