using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-cancel</c>: stops a campaign for good; messages not yet sent are cancelled.</summary>
internal sealed class CampaignCancelCommand(IServiceProvider services) : CampaignActionCommand(services)
{
    public override string Name => "campaign-cancel";

    public override string Summary => "Cancel a campaign for good: campaign-cancel --campaign ID --by STAFF_EMAIL (messages not yet sent are cancelled).";

    protected override string Done => "cancelled";

    protected override Task<CampaignOutcome> ActAsync(CampaignService campaigns, int campaignId, AuditActor actor, TextWriter output, CancellationToken cancellationToken) =>
        campaigns.CancelAsync(campaignId, actor, cancellationToken);
}
