using System.Globalization;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-start</c>: launches an approved campaign (writing its ledger) or resumes a paused one.</summary>
internal sealed class CampaignStartCommand(IServiceProvider services) : CampaignCommand(services)
{
    public override string Name => "campaign-start";

    public override string Summary => "Launch an approved campaign (writes one message per person and channel) or resume a paused one: campaign-start --campaign ID --by STAFF_EMAIL.";

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

        var progress = new Progress<long>(people => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name}: ledger: {people} people handled")));
        var outcome = await Services.GetRequiredService<CampaignService>().StartAsync(id, actor!, progress, cancellationToken);
        var code = await ReportAsync(outcome, "is running", output);
        if (outcome.Succeeded)
        {
            var campaign = outcome.Campaign!;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"people={campaign.PeopleCount} unreachable={campaign.UnreachableCount} ledger_complete={(campaign.LedgerComplete ? "yes" : "no")}"));
        }

        return code;
    }
}
