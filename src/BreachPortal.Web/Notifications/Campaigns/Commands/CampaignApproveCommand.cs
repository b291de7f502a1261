using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-approve</c>: the second pair of eyes; refused to the campaign's creator.</summary>
internal sealed class CampaignApproveCommand(IServiceProvider services) : CampaignActionCommand(services)
{
    public override string Name => "campaign-approve";

    public override string Summary => "Approve a draft campaign: campaign-approve --campaign ID --by STAFF_EMAIL (an Operator other than its creator).";

    protected override string Done => "approved";

    protected override Task<CampaignOutcome> ActAsync(CampaignService campaigns, int campaignId, AuditActor actor, TextWriter output, CancellationToken cancellationToken) =>
        campaigns.ApproveAsync(campaignId, actor, cancellationToken);
}
