using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Notifications.Campaigns;

public enum CampaignTestOutcome
{
    Sent,

    /// <summary>The campaign has no template on that channel, or the Operator no address (email) or verified mobile (SMS).</summary>
    NoRecipient,

    /// <summary>Only a campaign that has not started can be tried.</summary>
    WrongStatus,

    /// <summary>The server or the gateway refused it, or could not be reached; nothing was audited.</summary>
    Failed,

    CampaignNotFound,
}

/// <summary>
/// A campaign's message on one channel, rendered for the synthetic person and marked [TEST], sent to the Operator who
/// asks and to nobody else: their own address by email, their verified mobile by SMS. Each send is audited.
/// </summary>
public sealed partial class CampaignTestSender(
    PortalDbContext db,
    IEmailSender mail,
    ISmsSender sms,
    StaffPhones phones,
    AuditLog audit,
    IOptions<PortalOptions> portal,
    ILogger<CampaignTestSender> logger)
{
    public static bool CanTry(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.Status is CampaignStatus.Draft or CampaignStatus.Approved;
    }

    public async Task<CampaignTestOutcome> SendAsync(int campaignId, MessageChannel channel, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var campaign = await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return CampaignTestOutcome.CampaignNotFound;
        }

        if (!CanTry(campaign))
        {
            return CampaignTestOutcome.WrongStatus;
        }

        var templates = await CampaignTemplates.OfAsync(db, campaign, cancellationToken);
        var template = channel == MessageChannel.Email ? templates.Email : templates.Sms;
        var recipient = await RecipientAsync(actor.StaffId, channel, cancellationToken);
        if (template is null || recipient is null)
        {
            return CampaignTestOutcome.NoRecipient;
        }

        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == campaign.IncidentId, cancellationToken);
        var (email, text) = Compose(recipient, TemplatePreview.Render(template, incident, portal.Value.PublicUrl));
        try
        {
            if (email is not null)
            {
                await mail.SendAsync(email, cancellationToken);
            }
            else
            {
                await sms.SendAsync(text!, cancellationToken);
            }
        }
        catch (Exception exception) when (IsSendFailure(exception))
        {
            LogFailed(channel, exception, campaign.Id);
            return CampaignTestOutcome.Failed;
        }

        var masked = channel == MessageChannel.Email ? Mask.Email(recipient) : Mask.Phone(recipient);
        await audit.AppendAsync(
            new AuditEntry(AuditEventType.CampaignTestSent, actor)
            {
                SubjectType = AuditSubjects.Campaign,
                SubjectId = campaign.Id.ToString(CultureInfo.InvariantCulture),
                Detail = string.Create(CultureInfo.InvariantCulture, $"channel={ChannelName(channel)} template={template.Id} to={masked}"),
            },
            cancellationToken);
        return CampaignTestOutcome.Sent;
    }

    /// <summary>Where a test on this channel goes for this staff member, in clear: null when it cannot go anywhere.</summary>
    public async Task<string?> RecipientAsync(Guid? staffId, MessageChannel channel, CancellationToken cancellationToken)
    {
        if (staffId is not { } staff)
        {
            return null;
        }

        return channel == MessageChannel.Email
            ? await db.Users.AsNoTracking().Where(u => u.Id == staff).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken)
            : await phones.VerifiedPhoneAsync(staff, cancellationToken);
    }

    /// <summary>
    /// Both channels refuse the same way: a message refused, a server or gateway unreachable, slow or misconfigured
    /// (SMTP over a connection it will not authenticate on, an address or number the sender will not take) is a failed
    /// test shown to the Operator, not an error page.
    /// </summary>
    private static bool IsSendFailure(Exception exception) =>
        exception is EmailRejectedException or SmsRejectedException or IOException or HttpRequestException or TimeoutException or ArgumentException or InvalidOperationException;

    private static (EmailMessage? Email, SmsMessage? Sms) Compose(string recipient, TemplatePreviewResult preview) =>
        preview.Email is { } email
            ? (new EmailMessage(recipient, $"[TEST] {email.Subject}", email.TextBody) { HtmlBody = email.HtmlBody }, null)
            : (null, new SmsMessage(recipient, $"[TEST] {preview.Sms!.Value.Text}", $"TEST-{Guid.NewGuid():N}"));

    private static string ChannelName(MessageChannel channel) => channel == MessageChannel.Email ? "email" : "sms";

    private void LogFailed(MessageChannel channel, Exception exception, int campaignId)
    {
        if (channel == MessageChannel.Email)
        {
            LogTestEmailFailed(logger, exception, campaignId);
        }
        else
        {
            LogTestSmsFailed(logger, exception, campaignId);
        }
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the test email could not be sent.")]
    private static partial void LogTestEmailFailed(ILogger logger, Exception exception, int campaignId);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the test SMS could not be sent.")]
    private static partial void LogTestSmsFailed(ILogger logger, Exception exception, int campaignId);
}
