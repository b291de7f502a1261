using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Pages.Verify;

/// <summary>Rows of the message ledger written directly, in the state a test needs, each with a fresh reference code.</summary>
internal static class VerifyLedger
{
    public static readonly DateTimeOffset SentAt = new(2024, 3, 14, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A message of a campaign of the incident; <paramref name="sent"/> gives it a sending time.</summary>
    /// <param name="app">The portal and its database.</param>
    /// <param name="incident">The incident reference.</param>
    /// <param name="personId">Who it went to.</param>
    /// <param name="channel">Email or SMS.</param>
    /// <param name="status">Its status in the ledger.</param>
    /// <param name="sent">Whether it went out (at <see cref="SentAt"/>).</param>
    public static async Task<string> CampaignMessageAsync(PortalApp app, string incident, long personId, MessageChannel channel, MessageStatus status, bool sent)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var db = app.CreateDbContext();
        var incidentId = await db.Incidents.Where(i => i.Reference == incident).Select(i => i.Id).SingleAsync(cancellationToken);
        var campaign = new Campaign
        {
            IncidentId = incidentId,
            Name = "Verify test",
            Language = "fr",
            Status = status == MessageStatus.Cancelled ? CampaignStatus.Cancelled : CampaignStatus.Running,
            Policy = channel == MessageChannel.Email ? ChannelPolicy.Email : ChannelPolicy.Sms,
            EmailsPerSecond = 10,
            SmsPerSecond = 10,
            SmsWindowStart = new TimeOnly(8, 0),
            SmsWindowEnd = new TimeOnly(20, 0),
            CreatedBy = Guid.NewGuid(),
            CreatedAt = SentAt.AddDays(-1),
        };
        db.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return await AddAsync(db, campaign.Id, personId, channel, status, sent);
    }

    /// <summary>A one-time code message (no campaign), sent.</summary>
    /// <param name="app">The portal and its database.</param>
    /// <param name="personId">Who it went to.</param>
    public static async Task<string> OneTimeCodeMessageAsync(PortalApp app, long personId)
    {
        await using var db = app.CreateDbContext();
        return await AddAsync(db, null, personId, MessageChannel.Sms, MessageStatus.Sent, sent: true);
    }

    private static async Task<string> AddAsync(Web.Data.PortalDbContext db, int? campaignId, long personId, MessageChannel channel, MessageStatus status, bool sent)
    {
        var code = ReferenceCode.New();
        db.Add(new Message
        {
            CampaignId = campaignId,
            PersonId = personId,
            Channel = channel,
            Status = status,
            Priority = (short)(campaignId is null ? 1 : 0),
            Language = "fr",
            ReferenceCode = code,
            CreatedAt = SentAt.AddHours(-1),
            NextAttemptAt = SentAt.AddHours(-1),
            FirstAttemptAt = sent ? SentAt : null,
            SentAt = sent ? SentAt : null,
            Attempts = (short)(sent ? 1 : 0),
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return code;
    }
}
