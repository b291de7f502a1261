using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.Campaigns;

/// <summary>An Operator creates a draft campaign; another Operator will have to approve it.</summary>
public sealed class NewModel(PortalDbContext db, CampaignService campaigns, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string Latest = "latest";

    public static IReadOnlyList<ChannelPolicy> Policies { get; } = [ChannelPolicy.EmailWithSmsFallback, ChannelPolicy.Email, ChannelPolicy.Sms, ChannelPolicy.Both];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<IncidentChoice> Incidents { get; private set; } = [];

    /// <summary>Every template version, by incident and language, for the two version lists.</summary>
    public IReadOnlyList<TemplateChoice> Templates { get; private set; } = [];

    public async Task OnGetAsync(string? incident)
    {
        await LoadAsync();
        Input.Incident = Incidents.Any(i => i.Reference == incident) ? incident : (Incidents.Count > 0 ? Incidents[0].Reference : null);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var policy = ChannelPolicyExtensions.TryParse(Input.Policy ?? "", out var parsed) ? parsed : (ChannelPolicy?)null;
        if (policy is null)
        {
            ModelState.AddModelError("Input.Policy", text[CampaignLabels.Problem(CampaignProblem.PolicyUnknown)]);
        }

        var emailTemplate = ParseTemplate(Input.EmailTemplate, "Input.EmailTemplate");
        var smsTemplate = ParseTemplate(Input.SmsTemplate, "Input.SmsTemplate");
        var emailsPerSecond = ParseRate(Input.EmailsPerSecond, "Input.EmailsPerSecond");
        var smsPerSecond = ParseRate(Input.SmsPerSecond, "Input.SmsPerSecond");
        var windowStart = ParseTime(Input.SmsWindowStart, "Input.SmsWindowStart");
        var windowEnd = ParseTime(Input.SmsWindowEnd, "Input.SmsWindowEnd");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var draft = new CampaignDraft
        {
            IncidentReference = Input.Incident ?? "",
            Name = Input.Name ?? "",
            Policy = policy!.Value,
            Language = Input.Language ?? "",

            // A version chosen for a channel the policy does not use is not an error worth a round trip: it is dropped.
            EmailTemplateId = policy.Value.UsesEmail() ? emailTemplate : null,
            SmsTemplateId = policy.Value.UsesSms() ? smsTemplate : null,
            EmailsPerSecond = emailsPerSecond!.Value,
            SmsPerSecond = smsPerSecond!.Value,
            SmsWindowStart = windowStart!.Value,
            SmsWindowEnd = windowEnd!.Value,
        };
        var outcome = await campaigns.CreateAsync(draft, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var field in FieldsOf(outcome.Problem, draft))
            {
                ModelState.AddModelError(field, text[CampaignLabels.Problem(outcome.Problem), CampaignLimits.MaxPerSecond]);
            }

            return Page();
        }

        return RedirectToPage("/Staff/Campaigns/Details", new { id = outcome.Campaign!.Id, done = "created" });
    }

    private IEnumerable<string> FieldsOf(CampaignProblem problem, CampaignDraft draft)
    {
        switch (problem)
        {
            case CampaignProblem.IncidentNotFound:
                yield return "Input.Incident";
                break;
            case CampaignProblem.NameMissing:
                yield return "Input.Name";
                break;
            case CampaignProblem.LanguageUnknown:
                yield return "Input.Language";
                break;
            case CampaignProblem.PolicyUnknown:
                yield return "Input.Policy";
                break;
            case CampaignProblem.RateOutOfRange:
                if (draft.EmailsPerSecond is < 1 or > CampaignLimits.MaxPerSecond)
                {
                    yield return "Input.EmailsPerSecond";
                }

                if (draft.SmsPerSecond is < 1 or > CampaignLimits.MaxPerSecond)
                {
                    yield return "Input.SmsPerSecond";
                }

                break;
            case CampaignProblem.SmsWindowInvalid:
                yield return "Input.SmsWindowEnd";
                break;
            case CampaignProblem.EmailTemplateMissing:
                yield return "Input.EmailTemplate";
                break;
            case CampaignProblem.SmsTemplateMissing:
                yield return "Input.SmsTemplate";
                break;
            case CampaignProblem.TemplateMismatch:
                var incident = Incidents.SingleOrDefault(i => string.Equals(i.Reference, draft.IncidentReference.Trim(), StringComparison.OrdinalIgnoreCase))?.Id;
                bool Fits(int? id, MessageChannel channel) =>
                    id is null || Templates.Any(t => t.Id == id && t.IncidentId == incident && t.Channel == channel && t.Language == draft.Language);
                yield return Fits(draft.EmailTemplateId, MessageChannel.Email) ? "Input.SmsTemplate" : "Input.EmailTemplate";
                break;
            default:
                yield return "";
                break;
        }
    }

    private int? ParseTemplate(string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || value == Latest)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        ModelState.AddModelError(field, text["Staff.Campaigns.Error.TemplateInvalid"]);
        return null;
    }

    private int? ParseRate(string? value, string field)
    {
        if (int.TryParse(value?.Replace(" ", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
        {
            return rate;
        }

        ModelState.AddModelError(field, text[CampaignLabels.Problem(CampaignProblem.RateOutOfRange), CampaignLimits.MaxPerSecond]);
        return null;
    }

    private TimeOnly? ParseTime(string? value, string field)
    {
        if (TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        ModelState.AddModelError(field, text["Staff.Campaigns.Error.TimeInvalid"]);
        return null;
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var incidents = await db.Incidents.AsNoTracking().OrderBy(i => i.Reference).ToListAsync(cancellationToken);
        Incidents = [.. incidents.Select(i => new IncidentChoice(i.Id, i.Reference, i.Title.Current))];
        Templates = await db.Set<MessageTemplate>().AsNoTracking()
            .OrderBy(t => t.IncidentId).ThenBy(t => t.Language).ThenByDescending(t => t.Version)
            .Select(t => new TemplateChoice(t.Id, t.IncidentId, t.Channel, t.Language, t.Version, t.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public sealed record IncidentChoice(int Id, string Reference, string Title);

    public sealed record TemplateChoice(int Id, int IncidentId, MessageChannel Channel, string Language, int Version, DateTimeOffset CreatedAt);

    public sealed class InputModel
    {
        public string? Incident { get; set; }

        public string? Name { get; set; }

        public string? Policy { get; set; } = ChannelPolicy.EmailWithSmsFallback.ToWireName();

        public string? Language { get; set; } = "fr";

        public string? EmailTemplate { get; set; } = Latest;

        public string? SmsTemplate { get; set; } = Latest;

        public string? EmailsPerSecond { get; set; } = CampaignLimits.DefaultEmailsPerSecond.ToString(CultureInfo.InvariantCulture);

        public string? SmsPerSecond { get; set; } = CampaignLimits.DefaultSmsPerSecond.ToString(CultureInfo.InvariantCulture);

        public string? SmsWindowStart { get; set; } = CampaignLimits.DefaultSmsWindowStart.ToString("HH:mm", CultureInfo.InvariantCulture);

        public string? SmsWindowEnd { get; set; } = CampaignLimits.DefaultSmsWindowEnd.ToString("HH:mm", CultureInfo.InvariantCulture);
    }
}
