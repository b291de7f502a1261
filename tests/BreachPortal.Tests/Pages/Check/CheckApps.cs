using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Web.Checks.Contacts;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Registry.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Pages.Check;

/// <summary>Per test class: the portal on a demo database of its own, rate limits lifted, dispatcher off.</summary>
public sealed class CheckApp(PostgresServer server) : PortalApp(server)
{
    protected override void Configure(PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Checks:RateLimits:Enabled"] = "false";
    }
}

/// <summary>
/// Per test class: a portal whose dispatcher sends the codes for real, to aiosmtpd (emails) and the loopback SMS
/// gateway, with the rate limits lifted so that the class's many requests are not refused.
/// </summary>
public sealed class CheckSendingApp(PostgresServer server) : IAsyncLifetime
{
    internal AiosmtpdServer Smtp { get; private set; } = null!;

    internal TestSmsGateway Gateway { get; private set; } = null!;

    internal SendingPortal Portal { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await AiosmtpdServer.StartAsync();
        Gateway = await TestSmsGateway.StartAsync();
        Portal = await SendingPortal.StartAsync(server, Smtp.Port, Gateway, new Dictionary<string, string?> { ["Checks:RateLimits:Enabled"] = "false" });
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Gateway.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

internal static class CheckIncidents
{
    private static int _next = Random.Shared.Next(1_000, 9_000);

    /// <summary>A new incident with FT-2024-03's facts and templates under a title of its own, so a page shows whose it is.</summary>
    public static async Task<(string Reference, string Title)> CopyAsync(string connectionString)
    {
        var n = Interlocked.Increment(ref _next);
        var title = $"Incident de test {n}";
        var reference = await NotificationIncidents.CopyOfDemoAsync(connectionString, title: new LocalizedText(title, $"Test incident {n}"));
        return (reference, title);
    }

    /// <summary>The blind index a contact typed on /check is looked up by.</summary>
    public static byte[] IndexOf(IServiceProvider services, string typed)
    {
        var contact = CheckContact.Parse(typed).Contact!;
        return services.GetRequiredService<BlindIndex>().Compute(contact.Kind, contact.Normalized);
    }

    /// <summary>How a person in France types their mobile: 06 12 34 56 78.</summary>
    public static string National(string e164) =>
        "0" + string.Join(' ', e164[3..4], e164[4..6], e164[6..8], e164[8..10], e164[10..12]);
}
