namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>Draft → Approved (by another staff member) → Running ⇄ Paused → Finished | Cancelled. Stored as its number.</summary>
public enum CampaignStatus : short
{
    Draft = 0,
    Approved = 1,
    Running = 2,
    Paused = 3,
    Finished = 4,
    Cancelled = 5,
}
