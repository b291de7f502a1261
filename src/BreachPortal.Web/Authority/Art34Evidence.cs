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
    IReadOnlyList<Art34ChannelCounts> Channels,
    IReadOnlyList<Art34FailureGroup> Failures,
    IReadOnlyList<Art34DayCounts> Daily,
    IReadOnlyList<Art34TemplateUse> Templates,
    IReadOnlyList<Art34CampaignEntry> Campaigns)
{
    public Art34ChannelCounts Channel(MessageChannel channel) =>
        Channels.FirstOrDefault(c => c.Channel == channel) ?? Art34ChannelCounts.Empty(channel);
}

/// <summary>People, not messages.</summary>
/// <param name="PeopleToInform">People the incident concerns (its exposures in the registry).</param>
/// <param name="PeopleUnreachable">Of them, those with neither an email address nor a phone number on file, or whose data was purged: left to the public communication.</param>
/// <param name="PeopleWithMessage">People with at least one message in the ledger of the incident's campaigns.</param>
/// <param name="PeopleInformed">People with at least one message accepted by a provider (sent) or delivered, on any channel.</param>
/// <param name="CampaignCount">The incident's campaigns, whatever their status.</param>
public sealed record Art34Summary(long PeopleToInform, long PeopleUnreachable, long PeopleWithMessage, long PeopleInformed, int CampaignCount)
{
    public long PeopleNotInformed => Math.Max(0, PeopleToInform - PeopleInformed);
}

/// <summary>One channel: distinct people for the <c>People…</c> figures, messages for the <c>Messages…</c> ones.</summary>
/// <remarks>
/// A person has at most one message per campaign and channel, but an incident may have several campaigns. The
/// message figures after <see cref="MessagesWritten"/> split it by status: awaiting receipt, delivered, permanent and
/// technical failures, pending and cancelled add up to it. <see cref="MessagesHandedToProvider"/> counts every message
/// a provider accepted, whatever a receipt said since.
/// </remarks>
public sealed record Art34ChannelCounts(
    MessageChannel Channel,
    long PeopleWithMessage,
    long PeopleInformed,
    long PeopleDelivered,
    long MessagesWritten,
    long MessagesHandedToProvider,
    long MessagesAwaitingReceipt,
    long MessagesDelivered,
    long MessagesPermanentFailure,
    long MessagesTechnicalFailure,
    long MessagesPending,
    long MessagesCancelled)
{
    public static Art34ChannelCounts Empty(MessageChannel channel) => new(channel, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>Messages that failed for good on one channel, per status and reason (a code such as <c>smtp-550</c>; null when none was recorded).</summary>
public sealed record Art34FailureGroup(MessageChannel Channel, MessageStatus Status, string? FailureReason, long Messages);

/// <summary>
/// One Europe/Paris day on one channel: messages accepted by a provider that day (whatever happened later), and
/// messages whose delivery receipt or final failure came that day.
/// </summary>
public sealed record Art34DayCounts(DateOnly Date, MessageChannel Channel, long MessagesSent, long MessagesDelivered, long MessagesFailed);

/// <summary>A template version a campaign pinned, and how many messages of that campaign went on its channel.</summary>
public sealed record Art34TemplateUse(int CampaignId, string CampaignName, MessageChannel Channel, int TemplateId, int TemplateVersion, string TemplateLanguage, long Messages);

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
