using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Staff.Templates;

/// <summary>One version: its source as written, what it costs as an SMS, and how it reads for a synthetic person.</summary>
public sealed class DetailsModel(PortalDbContext db, TemplateService templates, IOptions<PortalOptions> portal) : PageModel
{
    public MessageTemplate Template { get; private set; } = null!;

    public Incident Incident { get; private set; } = null!;

    public IReadOnlyList<MessageTemplate> Versions { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Authors { get; private set; } = new Dictionary<Guid, string>();

    public TemplatePreviewResult Preview { get; private set; } = null!;

    /// <summary>SMS only: the longest message this version can make (<see cref="TemplateRules"/>).</summary>
    public SmsAnalysis? WorstCase { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, bool saved)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var template = id is > 0 and <= int.MaxValue ? await templates.GetAsync((int)id, cancellationToken) : null;
        if (template is null)
        {
            return NotFound();
        }

        Template = template;
        Saved = saved;
        Incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == template.IncidentId, cancellationToken);
        Versions = (await templates.ListAsync(Incident.Id, cancellationToken))
            .Where(v => v.Channel == template.Channel && v.Language == template.Language)
            .ToList();
        Authors = await TemplatePages.AuthorsAsync(db, [template], cancellationToken);
        Preview = TemplatePreview.Render(template, Incident, portal.Value.PublicUrl);
        if (template.Channel == MessageChannel.Sms)
        {
            var draft = new TemplateDraft { IncidentId = Incident.Id, Channel = template.Channel, Language = template.Language, TextBody = template.TextBody };
            WorstCase = TemplateRules.Check(draft, Incident, portal.Value.PublicUrl).WorstCaseSms;
        }

        return Page();
    }
}
