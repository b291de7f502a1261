using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-pause</c>: no new message is claimed; those in flight finish. campaign-start resumes.</summary>
internal sealed class CampaignPauseCommand(IServiceProvider services) : CampaignActionCommand(services)
{
    public override string Name => "campaign-pause";

    public override string Summary => "Pause a running campaign: campaign-pause --campaign ID --by STAFF_EMAIL (campaign-start resumes it).";

    protected override string Done => "paused";

    protected override Task<CampaignOutcome> ActAsync(CampaignService campaigns, int campaignId, AuditActor actor, TextWriter output, CancellationToken cancellationToken) =>
        campaigns.PauseAsync(campaignId, actor, cancellationToken);
}
