using System.Globalization;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Notifications.Campaigns.Commands;

/// <summary><c>campaign-create</c>: a draft campaign for an incident, to be approved by another Operator.</summary>
internal sealed class CampaignCreateCommand(IServiceProvider services) : CampaignCommand(services)
{
    private const string Incident = "--incident";
    private const string CampaignName = "--name";
    private const string Policy = "--policy";
    private const string Language = "--language";
    private const string EmailTemplate = "--email-template";
    private const string SmsTemplate = "--sms-template";
    private const string EmailRate = "--emails-per-second";
    private const string SmsRate = "--sms-per-second";
    private const string SmsWindow = "--sms-window";

    public override string Name => "campaign-create";

    public override string Summary => "Create a draft campaign for an incident (prints campaign=ID); another Operator must approve it.";

    protected override string Usage =>
        "--incident REF --name NAME --by STAFF_EMAIL [--policy email|sms|both|email-sms-fallback] [--language fr|en] " +
        "[--email-template ID] [--sms-template ID] [--emails-per-second N] [--sms-per-second N] [--sms-window HH:MM-HH:MM]";

    protected override IReadOnlyCollection<string> Known => [Incident, CampaignName, By, Policy, Language, EmailTemplate, SmsTemplate, EmailRate, SmsRate, SmsWindow];

    protected override IReadOnlyCollection<string> Required => [Incident, CampaignName, By];

    protected override string? CheckArguments(IReadOnlyDictionary<string, string> options)
    {
        var draft = new CampaignDraft { IncidentReference = options[Incident], Name = options[CampaignName] };
        return Parse(options, ref draft);
    }

    protected override async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, AuditActor? actor, TextWriter output, CancellationToken cancellationToken)
    {
        var draft = new CampaignDraft { IncidentReference = options[Incident], Name = options[CampaignName] };
        var problem = Parse(options, ref draft);
        if (problem is not null)
        {
            await output.WriteLineAsync($"{Name}: {problem} usage: {Name} {Usage}");
            return PortalCommandLine.UsageError;
        }

        var outcome = await Services.GetRequiredService<CampaignService>().CreateAsync(draft, actor!, cancellationToken);
        return await ReportAsync(outcome, "created as a draft; another Operator must approve it (campaign-approve)", output);
    }

    private static string? Parse(IReadOnlyDictionary<string, string> options, ref CampaignDraft draft)
    {
        if (options.TryGetValue(Policy, out var policyText))
        {
            if (!ChannelPolicyExtensions.TryParse(policyText, out var policy))
            {
                return $"{Policy} must be email, sms, both or email-sms-fallback.";
            }

            draft = draft with { Policy = policy };
        }

        if (options.TryGetValue(Language, out var language))
        {
            draft = draft with { Language = language.Trim().ToLowerInvariant() };
        }

        foreach (var (option, apply) in new (string, Func<CampaignDraft, int, CampaignDraft>)[]
        {
            (EmailTemplate, (d, v) => d with { EmailTemplateId = v }),
            (SmsTemplate, (d, v) => d with { SmsTemplateId = v }),
            (EmailRate, (d, v) => d with { EmailsPerSecond = v }),
            (SmsRate, (d, v) => d with { SmsPerSecond = v }),
        })
        {
            if (options.TryGetValue(option, out var text))
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
                {
                    return $"{option} must be a positive whole number.";
                }

                draft = apply(draft, value);
            }
        }

        if (options.TryGetValue(SmsWindow, out var window))
        {
            var parts = window.Split('-');
            if (parts.Length != 2
                || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                return $"{SmsWindow} must look like 08:00-20:00 (Europe/Paris time).";
            }

            draft = draft with { SmsWindowStart = start, SmsWindowEnd = end };
        }

        return null;
    }
}
