using System.Globalization;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary>
/// What the campaign verbs share: <c>--name value</c> options, the staff member acting (<c>--by ADDRESS</c>, an
/// Operator whose account is active; the four-eyes rule holds on the command line too) and the one-line outcome.
/// </summary>
// Resolves its services when it runs: listing the verbs constructs every command.
internal abstract class CampaignCommand(IServiceProvider services) : IPortalCommand
{
    protected const string Campaign = "--campaign";
    protected const string By = "--by";

    public abstract string Name { get; }

    public abstract string Summary { get; }

    protected abstract string Usage { get; }

    protected abstract IReadOnlyCollection<string> Known { get; }

    protected abstract IReadOnlyCollection<string> Required { get; }

    protected IServiceProvider Services => services;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var options = CommandOptions.Parse(arguments, Known);
        var problem = options.Problem
            ?? Required.Where(r => !options.Values.ContainsKey(r)).Select(r => $"{r} is required.").FirstOrDefault()
            ?? (options.Values.ContainsKey(Campaign) && !TryCampaignId(options.Values, out _) ? $"{Campaign} must be a campaign number." : null)
            ?? CheckArguments(options.Values);
        if (problem is not null)
        {
            await output.WriteLineAsync($"{Name}: {problem} usage: {Name} {Usage}");
            return PortalCommandLine.UsageError;
        }

        AuditActor? actor = null;
        if (options.Values.TryGetValue(By, out var by))
        {
            actor = await StaffActorAsync(by, cancellationToken);
            if (actor is null)
            {
                await output.WriteLineAsync($"{Name}: no staff account has the address given with {By}.");
                return PortalCommandLine.Failure;
            }
        }

        return await RunAsync(options.Values, actor, output, cancellationToken);
    }

    protected abstract Task<int> RunAsync(IReadOnlyDictionary<string, string> options, AuditActor? actor, TextWriter output, CancellationToken cancellationToken);

    /// <summary>What is wrong with the verb's own options, found before anything is looked up.</summary>
    protected virtual string? CheckArguments(IReadOnlyDictionary<string, string> options) => null;

    protected static bool TryCampaignId(IReadOnlyDictionary<string, string> options, out int id) =>
        int.TryParse(options[Campaign], NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    protected async Task<int> ReportAsync(CampaignOutcome outcome, string done, TextWriter output)
    {
        if (!outcome.Succeeded)
        {
            await output.WriteLineAsync($"{Name}: {outcome.Message}");
            return PortalCommandLine.Failure;
        }

        var campaign = outcome.Campaign!;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{Name}: campaign {campaign.Id} {done}."));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"campaign={campaign.Id} status={campaign.Status.ToString().ToLowerInvariant()}"));
        return PortalCommandLine.Success;
    }

    private async Task<AuditActor?> StaffActorAsync(string address, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        cancellationToken.ThrowIfCancellationRequested();
        var user = await users.FindByEmailAsync(address.Trim());
        return user is null ? null : new AuditActor(user.Id, $"{Mask.Email(user.Email)} (command line)", null);
    }
}
