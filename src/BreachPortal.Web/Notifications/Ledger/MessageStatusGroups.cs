using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Campaigns;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>The ledger's status groups, named once; <see cref="LedgerSql"/> spells them for SQL.</summary>
public static class MessageStatusGroups
{
    /// <summary>Waiting for an attempt: what the dispatcher claims.</summary>
    public static readonly IReadOnlyList<MessageStatus> Due = [MessageStatus.Created, MessageStatus.TemporaryFailure];

    /// <summary>Not final yet: a campaign with any of these has not finished.</summary>
    public static readonly IReadOnlyList<MessageStatus> Open = [MessageStatus.Created, MessageStatus.Sending, MessageStatus.TemporaryFailure];

    /// <summary>Handed to the provider, or confirmed delivered.</summary>
    public static readonly IReadOnlyList<MessageStatus> Reached = [MessageStatus.Sent, MessageStatus.Delivered];

    /// <summary>Final failures, the provider's or ours.</summary>
    public static readonly IReadOnlyList<MessageStatus> Failed = [MessageStatus.PermanentFailure, MessageStatus.TechnicalFailure];

    /// <summary>Reached or failed: the attempts that concluded.</summary>
    public static readonly IReadOnlyList<MessageStatus> Concluded = [.. Reached, .. Failed];

    /// <summary>Where a delivery receipt may still move the message.</summary>
    public static readonly IReadOnlyList<MessageStatus> AwaitingReceipt = [MessageStatus.Sending, MessageStatus.Sent];
}

/// <summary>The stored numbers of the notification enums and the ledger's groups, spelled for SQL text.</summary>
public static class LedgerSql
{
    public static readonly string Created = SqlLiterals.Number(MessageStatus.Created);
    public static readonly string Sending = SqlLiterals.Number(MessageStatus.Sending);
    public static readonly string Sent = SqlLiterals.Number(MessageStatus.Sent);
    public static readonly string Delivered = SqlLiterals.Number(MessageStatus.Delivered);
    public static readonly string TemporaryFailure = SqlLiterals.Number(MessageStatus.TemporaryFailure);
    public static readonly string PermanentFailure = SqlLiterals.Number(MessageStatus.PermanentFailure);
    public static readonly string TechnicalFailure = SqlLiterals.Number(MessageStatus.TechnicalFailure);
    public static readonly string Cancelled = SqlLiterals.Number(MessageStatus.Cancelled);

    public static readonly string Due = SqlLiterals.List(MessageStatusGroups.Due);
    public static readonly string Open = SqlLiterals.List(MessageStatusGroups.Open);
    public static readonly string Reached = SqlLiterals.List(MessageStatusGroups.Reached);
    public static readonly string Failed = SqlLiterals.List(MessageStatusGroups.Failed);
    public static readonly string Concluded = SqlLiterals.List(MessageStatusGroups.Concluded);
    public static readonly string AwaitingReceipt = SqlLiterals.List(MessageStatusGroups.AwaitingReceipt);

    public static readonly string Email = SqlLiterals.Number(MessageChannel.Email);
    public static readonly string Sms = SqlLiterals.Number(MessageChannel.Sms);

    public static readonly string CampaignRunning = SqlLiterals.Number(CampaignStatus.Running);
    public static readonly string CampaignFinished = SqlLiterals.Number(CampaignStatus.Finished);
    public static readonly string CampaignCancelled = SqlLiterals.Number(CampaignStatus.Cancelled);

    /// <summary>Running or paused: a campaign whose messages may still go out.</summary>
    public static readonly string CampaignActive = SqlLiterals.List([CampaignStatus.Running, CampaignStatus.Paused]);

    public static readonly string EmailWithSmsFallback = SqlLiterals.Number(ChannelPolicy.EmailWithSmsFallback);
    public static readonly string BothChannels = SqlLiterals.Number(ChannelPolicy.Both);

    /// <summary>The columns the rules read of a person <c>p</c>.</summary>
    public static readonly PersonColumns Person = new("p.held_data", "p.purged_at IS NOT NULL");

    /// <summary>The same columns of a registry tally <c>t</c>, whose people are alike in both.</summary>
    public static readonly PersonColumns Tally = new("t.held_data", "t.purged");

    /// <summary>
    /// Whether a campaign with <paramref name="policy"/> tells person <c>p</c> (or the people of <paramref name="of"/>) on
    /// <paramref name="channel"/> at all: at launch or as the SMS fallback (SQL function <c>portal_reaches</c>, the
    /// reachability rule's one spelling).
    /// </summary>
    public static string Reaches(string policy, string channel, PersonColumns? of = null) =>
        $"portal_reaches(({policy})::smallint, ({channel})::smallint, {(of ?? Person).HeldData}, {(of ?? Person).Purged})";

    /// <summary>Whether the launch writes person <c>p</c> a row on <paramref name="channel"/> (the fallback's SMS waits for the email to fail).</summary>
    public static string LaunchWrites(string policy, string channel, PersonColumns? of = null) =>
        $"portal_launch_writes(({policy})::smallint, ({channel})::smallint, {(of ?? Person).HeldData}, {(of ?? Person).Purged})";

    /// <summary>Whether any channel of <paramref name="policy"/> reaches person <c>p</c>; the others are counted unreachable.</summary>
    public static string Reachable(string policy, PersonColumns? of = null) =>
        $"portal_reachable(({policy})::smallint, {(of ?? Person).HeldData}, {(of ?? Person).Purged})";
}

/// <summary>SQL expressions for the data held on a person and whether they were purged.</summary>
public sealed record PersonColumns(string HeldData, string Purged);
