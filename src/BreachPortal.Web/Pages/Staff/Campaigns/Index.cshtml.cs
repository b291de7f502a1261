using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Campaigns;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Campaigns;

/// <summary>Every campaign, newest first, for Operators.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public const int Limit = 500;

    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Campaigns = await (
            from campaign in db.Set<Campaign>().AsNoTracking()
            join incident in db.Incidents on campaign.IncidentId equals incident.Id
            orderby campaign.CreatedAt descending, campaign.Id descending
            select new CampaignRow(campaign.Id, incident.Reference, campaign.Name, campaign.Status, campaign.Policy, campaign.CreatedAt, campaign.PeopleCount, campaign.UnreachableCount))
            .Take(Limit)
            .ToListAsync(HttpContext.RequestAborted);
    }

    public sealed record CampaignRow(int Id, string IncidentReference, string Name, CampaignStatus Status, ChannelPolicy Policy, DateTimeOffset CreatedAt, long? People, long? Unreachable);
}
