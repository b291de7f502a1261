using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.BrowserTests.Support;

/// <summary>The live portal with its dispatcher on, sending to the Development mailbox and SMS outbox (/dev/mailbox).</summary>
public sealed class SendingLivePortal(PostgresServer server) : LivePortal(server)
{
    protected override void Configure(PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Notifications:Dispatcher:Enabled"] = "true";
        factory.Settings["Notifications:Dispatcher:PollInterval"] = "00:00:00.100";
        base.Configure(factory);
    }
}
