using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary>A verb that moves one campaign on: <c>--campaign ID --by STAFF_EMAIL</c>, then one service call.</summary>
internal abstract class CampaignActionCommand(IServiceProvider services) : CampaignCommand(services)
{
    protected override string Usage => "--campaign ID --by STAFF_EMAIL";

    protected override IReadOnlyCollection<string> Known => [Campaign, By];

    protected override IReadOnlyCollection<string> Required => [Campaign, By];

    /// <summary>What the campaign has become, for the verb's first line ("approved", "paused"…).</summary>
    protected abstract string Done { get; }

    protected abstract Task<CampaignOutcome> ActAsync(CampaignService campaigns, int campaignId, AuditActor actor, TextWriter output, CancellationToken cancellationToken);

    protected override async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, AuditActor? actor, TextWriter output, CancellationToken cancellationToken)
    {
        TryCampaignId(options, out var id);
        var outcome = await ActAsync(Services.GetRequiredService<CampaignService>(), id, actor!, output, cancellationToken);
        var code = await ReportAsync(outcome, Done, output);
        if (outcome.Succeeded)
        {
            await AfterAsync(outcome.Campaign!, output);
        }

        return code;
    }

    protected virtual Task AfterAsync(Campaign campaign, TextWriter output) => Task.CompletedTask;
}
