using System.Globalization;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-start</c>: launches an approved campaign (writing its ledger) or resumes a paused one.</summary>
internal sealed class CampaignStartCommand(IServiceProvider services) : CampaignActionCommand(services)
{
    public override string Name => "campaign-start";

    public override string Summary => "Launch an approved campaign (writes one message per person and channel) or resume a paused one: campaign-start --campaign ID --by STAFF_EMAIL.";

    protected override string Done => "is running";

    protected override Task<CampaignOutcome> ActAsync(CampaignService campaigns, int campaignId, AuditActor actor, TextWriter output, CancellationToken cancellationToken)
    {
        var progress = new Progress<long>(people => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name}: ledger: {people} people handled")));
        return campaigns.StartAsync(campaignId, actor, progress, cancellationToken);
    }

    protected override Task AfterAsync(Campaign campaign, TextWriter output) =>
        output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"people={campaign.PeopleCount} unreachable={campaign.UnreachableCount} ledger_complete={(campaign.LedgerComplete ? "yes" : "no")}"));
}
