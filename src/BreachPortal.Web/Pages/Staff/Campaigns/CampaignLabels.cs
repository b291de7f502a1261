using BreachPortal.Web.Notifications.Campaigns;

namespace BreachPortal.Web.Pages.Staff.Campaigns;

/// <summary>Resource keys and DSFR badges for the campaign pages.</summary>
public static class CampaignLabels
{
    public static string Status(CampaignStatus status) => $"Staff.Campaigns.Status.{status}";

    public static string Policy(ChannelPolicy policy) => $"Staff.Campaigns.Policy.{policy}";

    public static string Problem(CampaignProblem problem) => $"Staff.Campaigns.Problem.{problem}";

    /// <summary>The actions a campaign offers, in the order they are shown, with the statuses each one needs.</summary>
    public static IReadOnlyList<(string Action, CampaignStatus[] From)> Actions { get; } =
    [
        ("approve", [CampaignStatus.Draft]),
        ("start", [CampaignStatus.Approved]),
        ("pause", [CampaignStatus.Running]),
        ("resume", [CampaignStatus.Paused]),
        ("cancel", [CampaignStatus.Draft, CampaignStatus.Approved, CampaignStatus.Running, CampaignStatus.Paused]),
    ];

    public static bool IsAction(string? action) => Actions.Any(a => a.Action == action);

    public static bool Allows(string action, CampaignStatus status) => Actions.Any(a => a.Action == action && a.From.Contains(status));

    public static string Badge(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "fr-badge--new",
        CampaignStatus.Approved => "fr-badge--info",
        CampaignStatus.Running => "fr-badge--success",
        CampaignStatus.Paused => "fr-badge--warning",
        CampaignStatus.Finished => "fr-badge--success",
        _ => "fr-badge--error",
    };
}
