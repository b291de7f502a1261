using System.Text.Json;
using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Staff.Templates;

/// <summary>
/// Writes the next version of one incident's template for one channel and language, starting from the latest. The
/// engine's save-time checks are shown beside the field they concern; "Check" runs them without saving.
/// </summary>
public sealed class NewModel(PortalDbContext db, TemplateService templates, IOptions<PortalOptions> portal) : PageModel
{
    public static IReadOnlyDictionary<TemplatePart, string> Fields { get; } = new Dictionary<TemplatePart, string>
    {
        [TemplatePart.Subject] = "Input.Subject",
        [TemplatePart.Text] = "Input.TextBody",
        [TemplatePart.Html] = "Input.HtmlBody",
    };

    [BindProperty(SupportsGet = true, Name = "incident")]
    public string? IncidentReference { get; set; }

    [BindProperty(SupportsGet = true, Name = "channel")]
    public string? ChannelName { get; set; }

    [BindProperty(SupportsGet = true, Name = "language")]
    public string? Language { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Incident Incident { get; private set; } = null!;

    public MessageChannel Channel { get; private set; }

    public MessageTemplate? Latest { get; private set; }

    /// <summary>The problems of the last check or save, in the order the engine found them.</summary>
    public IReadOnlyList<TemplateProblem> Problems { get; private set; } = [];

    /// <summary>True when the problems come from "Check", which never saves.</summary>
    public bool Checked { get; private set; }

    /// <summary>True when "Check" found nothing to fix.</summary>
    public bool CheckedValid { get; private set; }

    public SmsAnalysis? AsTyped { get; private set; }

    public SmsAnalysis? WorstCase { get; private set; }

    /// <summary>SMS only: each placeholder's worst-case value, for the live counter.</summary>
    public string WorstCaseValuesJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ResolveAsync())
        {
            return NotFound();
        }

        if (Latest is not null)
        {
            Input = new InputModel { Subject = Latest.Subject, TextBody = Latest.TextBody, HtmlBody = Latest.HtmlBody };
        }

        Count(Check(Draft()));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ResolveAsync())
        {
            return NotFound();
        }

        var result = await templates.SaveVersionAsync(Draft(), StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        if (result.Saved is { } saved)
        {
            return LocalRedirect(Url.Page("/Staff/Templates/Details", new { id = saved.Id, saved = true })!);
        }

        Show(result.Check);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (!await ResolveAsync())
        {
            return NotFound();
        }

        var check = Check(Draft());
        Show(check);
        Checked = true;
        CheckedValid = check.IsValid;
        return Page();
    }

    public static string FieldId(TemplatePart part) => part switch
    {
        TemplatePart.Subject => "template-subject",
        TemplatePart.Html => "template-html",
        _ => "template-text",
    };

    private async Task<bool> ResolveAsync()
    {
        var channel = TemplatePages.ParseChannel(ChannelName);
        var language = TemplatePages.ParseLanguage(Language);
        var incident = await TemplatePages.IncidentAsync(db, IncidentReference, HttpContext.RequestAborted);
        if (channel is null || language is null || incident is null)
        {
            return false;
        }

        Incident = incident;
        Channel = channel.Value;
        ChannelName = TemplatePages.Slug(Channel);
        Language = language;
        IncidentReference = incident.Reference;
        Latest = await templates.LatestAsync(incident.Id, Channel, language, HttpContext.RequestAborted);
        if (Channel == MessageChannel.Sms)
        {
            WorstCaseValuesJson = JsonSerializer.Serialize(TemplatePages.WorstCaseSmsValues(incident, language, portal.Value.PublicUrl));
        }

        return true;
    }

    private TemplateDraft Draft() => new TemplateDraft
    {
        IncidentId = Incident.Id,
        Channel = Channel,
        Language = Language!,
        Subject = Channel == MessageChannel.Email ? Input.Subject : null,
        TextBody = Input.TextBody ?? "",
        HtmlBody = Channel == MessageChannel.Email ? Input.HtmlBody : null,
    }.Normalized();

    private TemplateCheck Check(TemplateDraft draft) => TemplateRules.Check(draft, Incident, portal.Value.PublicUrl);

    private void Show(TemplateCheck check)
    {
        Problems = check.Problems;
        foreach (var problem in check.Problems)
        {
            ModelState.AddModelError(Fields.TryGetValue(problem.Part, out var field) ? field : "", problem.Message.Current);
        }

        Count(check);
    }

    private void Count(TemplateCheck check)
    {
        if (Channel == MessageChannel.Sms)
        {
            AsTyped = SmsSegments.Analyse((Input.TextBody ?? "").ReplaceLineEndings("\n"));
            WorstCase = check.WorstCaseSms;
        }
    }

    public sealed class InputModel
    {
        public string? Subject { get; set; }

        public string? TextBody { get; set; }

        public string? HtmlBody { get; set; }
    }
}
