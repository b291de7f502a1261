using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Campaigns;

/// <summary>A campaign with what its pages show beside it: its incident, who acted on it, how many people it reaches.</summary>
public sealed record CampaignView(Campaign Campaign, Incident Incident, string CreatedBy, string? ApprovedBy, CampaignAudienceCounts? Audience)
{
    /// <summary>Counted at launch once the ledger is written; counted live from the registry before.</summary>
    public long People => Campaign.LedgerComplete && Campaign.PeopleCount is { } people ? people : Audience?.People ?? 0;

    public long Unreachable => Campaign.LedgerComplete && Campaign.UnreachableCount is { } unreachable ? unreachable : Audience?.Unreachable ?? 0;

    public static async Task<CampaignView?> LoadAsync(PortalDbContext db, int id, CancellationToken cancellationToken)
    {
        var campaign = await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == campaign.IncidentId, cancellationToken);
        var staff = new[] { campaign.CreatedBy, campaign.ApprovedBy ?? Guid.Empty };
        var emails = await db.Users.AsNoTracking().Where(u => staff.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var audience = campaign.LedgerComplete ? null : await CampaignAudience.CountAsync(db, campaign.IncidentId, campaign.Policy, cancellationToken);
        return new(
            campaign,
            incident,
            Mask.Email(emails.GetValueOrDefault(campaign.CreatedBy)),
            campaign.ApprovedBy is { } approver ? Mask.Email(emails.GetValueOrDefault(approver)) : null,
            audience);
    }
}
