using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Templates;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>The template versions a campaign pinned when it was created, one per channel it uses.</summary>
public static class CampaignTemplates
{
    public static async Task<(MessageTemplate? Email, MessageTemplate? Sms)> OfAsync(PortalDbContext db, Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(campaign);
        var ids = new[] { campaign.EmailTemplateId, campaign.SmsTemplateId }.OfType<int>().ToList();
        var templates = await db.Set<MessageTemplate>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        return (templates.SingleOrDefault(t => t.Id == campaign.EmailTemplateId), templates.SingleOrDefault(t => t.Id == campaign.SmsTemplateId));
    }
}
