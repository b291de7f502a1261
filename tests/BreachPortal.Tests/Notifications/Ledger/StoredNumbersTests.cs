using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Registry.Import;

namespace BreachPortal.Tests.Notifications.Ledger;

/// <summary>
/// The numbers and names the database holds. Renumbering a value would silently change what every stored row
/// means, so each is pinned here; the SQL spells them from the enums (LedgerSql), never by hand.
/// </summary>
public sealed class StoredNumbersTests
{
    [Fact]
    public void MessageStatuses_KeepTheirStoredNumbers()
    {
        Assert.Equal(
            [(MessageStatus.Created, 0), (MessageStatus.Sending, 1), (MessageStatus.Sent, 2), (MessageStatus.Delivered, 3),
             (MessageStatus.TemporaryFailure, 4), (MessageStatus.PermanentFailure, 5), (MessageStatus.TechnicalFailure, 6),
             (MessageStatus.Cancelled, 7)],
            Enum.GetValues<MessageStatus>().Select(s => (s, (int)s)));
    }

    [Fact]
    public void CampaignStatusesChannelsAndPolicies_KeepTheirStoredNumbers()
    {
        Assert.Equal(
            [(CampaignStatus.Draft, 0), (CampaignStatus.Approved, 1), (CampaignStatus.Running, 2), (CampaignStatus.Paused, 3),
             (CampaignStatus.Finished, 4), (CampaignStatus.Cancelled, 5)],
            Enum.GetValues<CampaignStatus>().Select(s => (s, (int)s)));
        Assert.Equal([(MessageChannel.Email, 1), (MessageChannel.Sms, 2)], Enum.GetValues<MessageChannel>().Select(c => (c, (int)c)));
        Assert.Equal(
            [(ChannelPolicy.Email, 1), (ChannelPolicy.Sms, 2), (ChannelPolicy.Both, 3), (ChannelPolicy.EmailWithSmsFallback, 4)],
            Enum.GetValues<ChannelPolicy>().Select(p => (p, (int)p)));
    }

    [Fact]
    public void ImportStatuses_AreStoredByTheirNames()
    {
        Assert.Equal(["Running", "Completed", "Failed"], Enum.GetNames<ImportStatus>());
    }

    [Fact]
    public void TheLedgersGroups_AreSpelledForSqlFromTheEnums()
    {
        Assert.Equal("(0, 4)", LedgerSql.Due);
        Assert.Equal("(0, 1, 4)", LedgerSql.Open);
        Assert.Equal("(2, 3)", LedgerSql.Reached);
        Assert.Equal("(5, 6)", LedgerSql.Failed);
        Assert.Equal("(2, 3, 5, 6)", LedgerSql.Concluded);
        Assert.Equal("(1, 2)", LedgerSql.AwaitingReceipt);
        Assert.Equal("(2, 3)", LedgerSql.CampaignActive);
    }

    [Fact]
    public void EveryStatus_IsInExactlyOneOfOpenReachedFailedOrCancelled()
    {
        var groups = new[] { MessageStatusGroups.Open, MessageStatusGroups.Reached, MessageStatusGroups.Failed, [MessageStatus.Cancelled] };

        Assert.All(Enum.GetValues<MessageStatus>(), status => Assert.Single(groups, g => g.Contains(status)));
    }
}
