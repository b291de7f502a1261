using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-approve</c>: the second pair of eyes; refused to the campaign's creator.</summary>
internal sealed class CampaignApproveCommand(IServiceProvider services) : CampaignCommand(services)
{
    public override string Name => "campaign-approve";

    public override string Summary => "Approve a draft campaign: campaign-approve --campaign ID --by STAFF_EMAIL (an Operator other than its creator).";

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

        return await ReportAsync(await Services.GetRequiredService<CampaignService>().ApproveAsync(id, actor!, cancellationToken), "approved", output);
    }
}
