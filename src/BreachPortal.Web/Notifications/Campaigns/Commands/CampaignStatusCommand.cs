using System.Globalization;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-status</c>: the campaign's state and its messages counted per channel and status.</summary>
internal sealed class CampaignStatusCommand(IServiceProvider services) : CampaignCommand(services)
{
    public override string Name => "campaign-status";

    public override string Summary => "Show a campaign's status and its messages counted per channel and status: campaign-status --campaign ID.";

    protected override string Usage => "--campaign ID";

    protected override IReadOnlyCollection<string> Known => [Campaign];

    protected override IReadOnlyCollection<string> Required => [Campaign];

    protected override async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, AuditActor? actor, TextWriter output, CancellationToken cancellationToken)
    {
        TryCampaignId(options, out var id);
        var campaign = await Services.GetRequiredService<CampaignService>().GetAsync(id, cancellationToken);
        if (campaign is null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{Name}: there is no campaign {id}."));
            return PortalCommandLine.Failure;
        }

        var counts = await Services.GetRequiredService<CampaignProgress>().CountAsync(id, cancellationToken);
        foreach (var channel in Enum.GetValues<MessageChannel>())
        {
            var line = string.Join(' ', Enum.GetValues<MessageStatus>().Select(s => string.Create(
                CultureInfo.InvariantCulture,
                $"{s.ToWireName()}={counts.GetValueOrDefault((channel, s))}")));
            await output.WriteLineAsync($"{channel.ToString().ToLowerInvariant()} {line}");
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"campaign={campaign.Id} status={campaign.Status.ToString().ToLowerInvariant()} policy={campaign.Policy.ToWireName()} people={campaign.PeopleCount} unreachable={campaign.UnreachableCount} ledger_complete={(campaign.LedgerComplete ? "yes" : "no")}"));
        return PortalCommandLine.Success;
    }
}
