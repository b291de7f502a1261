using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications.Channels.Sms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BreachPortal.Tests.Notifications.Sms;

/// <summary>The SMS channel as AddSmsChannel registers it, on settings of the test's choosing.</summary>
internal static class SmsServices
{
    public const string ReceiptSecret = "receipt-secret-for-tests-0123456789abcdef";

    public static Dictionary<string, string?> GatewaySettings(TestSmsGateway gateway) => new()
    {
        ["Sms:Transport"] = "Gateway",
        ["Sms:Gateway:BaseUrl"] = gateway.BaseUrl,
        ["Sms:Gateway:Token"] = gateway.Token,
        ["Sms:Gateway:From"] = "FranceTrav",
        ["Sms:Gateway:ReceiptSecret"] = ReceiptSecret,
        ["Sms:Gateway:TimeoutSeconds"] = "5",
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings, string environment = "Development")
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSmsChannel();
        return services.BuildServiceProvider();
    }
}
