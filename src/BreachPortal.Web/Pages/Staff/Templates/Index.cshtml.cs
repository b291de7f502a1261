using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Templates;

/// <summary>An incident's template versions, by channel and language, newest first; where new versions are written and compared.</summary>
public sealed class IndexModel(PortalDbContext db, TemplateService templates) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "incident")]
    public string? IncidentReference { get; set; }

    public IReadOnlyList<IncidentChoice> Incidents { get; private set; } = [];

    public Incident? Incident { get; private set; }

    public bool UnknownIncident { get; private set; }

    public IReadOnlyList<TemplateGroup> Groups { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Authors { get; private set; } = new Dictionary<Guid, string>();

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Incidents = (await db.Incidents.AsNoTracking().OrderByDescending(i => i.CreatedAt).Select(i => new { i.Reference, i.Title }).ToListAsync(cancellationToken))
            .Select(i => new IncidentChoice(i.Reference, i.Title))
            .ToList();
        if (string.IsNullOrWhiteSpace(IncidentReference))
        {
            return;
        }

        Incident = await TemplatePages.IncidentAsync(db, IncidentReference, cancellationToken);
        if (Incident is null)
        {
            UnknownIncident = true;
            return;
        }

        var versions = await templates.ListAsync(Incident.Id, cancellationToken);
        Authors = await TemplatePages.AuthorsAsync(db, versions, cancellationToken);
        Groups = TemplatePages.Channels
            .SelectMany(channel => TemplateLanguages.All.Select(language => new TemplateGroup(
                channel,
                language,
                versions.Where(v => v.Channel == channel && v.Language == language).OrderByDescending(v => v.Version).ToList())))
            .ToList();
    }

    public sealed record IncidentChoice(string Reference, LocalizedText Title);

    public sealed record TemplateGroup(MessageChannel Channel, string Language, IReadOnlyList<MessageTemplate> Versions)
    {
        public string Id => $"{TemplatePages.Slug(Channel).ToLowerInvariant()}-{Language}";
    }
}
