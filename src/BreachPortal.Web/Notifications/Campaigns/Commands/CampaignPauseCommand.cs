using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-pause</c>: no new message is claimed; those in flight finish. campaign-start resumes.</summary>
internal sealed class CampaignPauseCommand(IServiceProvider services) : CampaignCommand(services)
{
    public override string Name => "campaign-pause";

    public override string Summary => "Pause a running campaign: campaign-pause --campaign ID --by STAFF_EMAIL (campaign-start resumes it).";

    protected override string Usage => "--campaign ID --by STAFF_EMAIL";

    protected override IReadOnlyCollection<string> Known => [Campaign, By];

    protected override IReadOnlyCollection<string> Required => [Campaign, By];

    protected override async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, AuditActor? actor, TextWriter output, CancellationToken cancellationToken)
    {
        if (!TryCampaignId(options, out var id))
        {
            await output.WriteLineAsync($"{Name}: {Campaign} must be a campaign number. usage: {Name} {Usage}");
            return PortalCommandLine.UsageError;
        }

        return await ReportAsync(await Services.GetRequiredService<CampaignService>().PauseAsync(id, actor!, cancellationToken), "paused", output);
    }
}
