using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-cancel</c>: stops a campaign for good; messages not yet sent are cancelled.</summary>
internal sealed class CampaignCancelCommand(IServiceProvider services) : CampaignCommand(services)
{
    public override string Name => "campaign-cancel";

    public override string Summary => "Cancel a campaign for good: campaign-cancel --campaign ID --by STAFF_EMAIL (messages not yet sent are cancelled).";

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

        return await ReportAsync(await Services.GetRequiredService<CampaignService>().CancelAsync(id, actor!, cancellationToken), "cancelled", output);
    }
}
