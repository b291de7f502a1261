using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;

namespace BreachPortal.Web.Authority;

/// <summary>
/// The proof, for the authority, that the people an incident concerns were told (GDPR Art. 34): counts only, read from
/// the registry and the ledger of the incident's campaigns. Never a person.
/// </summary>
public sealed record Art34Evidence(
    string IncidentReference,
    DateTimeOffset GeneratedAt,
    Art34Summary Summary,
    IReadOnlyList<LedgerChannelCounts> Channels,
    IReadOnlyList<LedgerFailureGroup> Failures,
    IReadOnlyList<LedgerDayCounts> Daily,
    IReadOnlyList<LedgerTemplateUse> Templates,
    IReadOnlyList<Art34CampaignEntry> Campaigns)
{
    public LedgerChannelCounts Channel(MessageChannel channel) =>
        Channels.FirstOrDefault(c => c.Channel == channel) ?? LedgerChannelCounts.Empty(channel);
}

/// <summary>People, not messages.</summary>
/// <param name="PeopleToInform">People the incident concerns (its exposures in the registry).</param>
/// <param name="PeopleUnreachable">Of them, those with neither an email address nor a phone number on file, or whose data was purged: left to the public communication.</param>
/// <param name="PeopleWithMessage">People with at least one message in the ledger of the incident's campaigns.</param>
/// <param name="PeopleInformed">People with at least one message accepted by a provider (sent) or delivered, on any channel.</param>
/// <param name="CampaignCount">The incident's campaigns, whatever their status.</param>
/// <param name="PeopleCountedAt">When the people with a message and informed (here and per channel) were counted from the ledger's rows.</param>
/// <param name="PeopleCountCurrent">True when nothing moved in the ledger since: those figures are exact at <see cref="Art34Evidence.GeneratedAt"/>.</param>
public sealed record Art34Summary(long PeopleToInform, long PeopleUnreachable, long PeopleWithMessage, long PeopleInformed, int CampaignCount, DateTimeOffset PeopleCountedAt, bool PeopleCountCurrent)
{
    public long PeopleNotInformed => Math.Max(0, PeopleToInform - PeopleInformed);
}

/// <summary>One campaign of the incident. <see cref="EndedAt"/> is when it finished or was cancelled (see <see cref="Status"/>).</summary>
public sealed record Art34CampaignEntry(
    int CampaignId,
    string Name,
    CampaignStatus Status,
    ChannelPolicy Policy,
    string Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long? PeopleCount,
    long? UnreachableCount);
