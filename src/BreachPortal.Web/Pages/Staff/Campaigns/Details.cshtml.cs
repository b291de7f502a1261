using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Staff.Campaigns;

/// <summary>
/// One campaign as its approver must see it: the exact messages, rendered for a synthetic person, and how many people
/// they will reach; with the actions its status allows and a test send to the signed-in Operator's own address and verified mobile.
/// </summary>
public sealed partial class DetailsModel(PortalDbContext db, IEmailSender mail, ISmsSender sms, StaffPhones phones, AuditLog audit, IOptions<PortalOptions> portal, ILogger<DetailsModel> logger) : PageModel
{
    public static IReadOnlyList<string> Notices { get; } = ["created", "approve", "start", "pause", "resume", "cancel"];

    public static IReadOnlyList<string> TestOutcomes { get; } = ["sent", "no-email", "wrong-status", "failed", "sms-sent", "no-phone", "sms-failed"];

    public CampaignView View { get; private set; } = null!;

    public MessageTemplate? EmailTemplate { get; private set; }

    public MessageTemplate? SmsTemplate { get; private set; }

    public RenderedEmail? Email { get; private set; }

    public RenderedSms? Sms { get; private set; }

    public Guid? CurrentStaff { get; private set; }

    /// <summary>The signed-in Operator's own address, masked: where a test send goes.</summary>
    public string? OwnAddress { get; private set; }

    /// <summary>The signed-in Operator's verified mobile, masked: where a test SMS goes.</summary>
    public string? OwnPhone { get; private set; }

    public string? Done { get; private set; }

    public string? Test { get; private set; }

    public bool CanTestSend => View.Campaign.Status is CampaignStatus.Draft or CampaignStatus.Approved;

    public async Task<IActionResult> OnGetAsync(int id, string? done, string? test)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var view = await CampaignView.LoadAsync(db, id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Done = Notices.Contains(done) ? done : null;
        Test = TestOutcomes.Contains(test) ? test : null;
        CurrentStaff = StaffActor.Id(User);
        (EmailTemplate, SmsTemplate) = await TemplatesOfAsync(view.Campaign, cancellationToken);
        Email = EmailTemplate is null ? null : TemplatePreview.Render(EmailTemplate, view.Incident, portal.Value.PublicUrl).Email;
        Sms = SmsTemplate is null ? null : TemplatePreview.Render(SmsTemplate, view.Incident, portal.Value.PublicUrl).Sms;
        OwnAddress = Mask.Email(await OwnAddressAsync(cancellationToken));
        OwnPhone = CurrentStaff is { } staff && await phones.VerifiedPhoneAsync(staff, cancellationToken) is { } phone ? Mask.Phone(phone) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostTestSendAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var campaign = await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }

        var outcome = await TestSendAsync(campaign, cancellationToken);
        return RedirectToPage("/Staff/Campaigns/Details", new { id, test = outcome });
    }

    public async Task<IActionResult> OnPostTestSendSmsAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var campaign = await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }

        var outcome = await TestSendSmsAsync(campaign, cancellationToken);
        return RedirectToPage("/Staff/Campaigns/Details", new { id, test = outcome });
    }

    private async Task<string> TestSendSmsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Approved))
        {
            return "wrong-status";
        }

        var (_, smsTemplate) = await TemplatesOfAsync(campaign, cancellationToken);
        var phone = StaffActor.Id(User) is { } staff ? await phones.VerifiedPhoneAsync(staff, cancellationToken) : null;
        if (smsTemplate is null || phone is null)
        {
            return "no-phone";
        }

        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == campaign.IncidentId, cancellationToken);
        var text = TemplatePreview.Render(smsTemplate, incident, portal.Value.PublicUrl).Sms!.Value.Text;
        try
        {
            await sms.SendAsync(new SmsMessage(phone, $"[TEST] {text}", $"TEST-{Guid.NewGuid():N}"), cancellationToken);
        }
        catch (Exception e) when (e is SmsRejectedException or HttpRequestException or TimeoutException or InvalidOperationException)
        {
            LogTestSmsFailed(logger, e, campaign.Id);
            return "sms-failed";
        }

        await audit.AppendAsync(
            new AuditEntry(AuditEventType.CampaignTestSent, StaffActor.Of(HttpContext))
            {
                SubjectType = "campaign",
                SubjectId = campaign.Id.ToString(CultureInfo.InvariantCulture),
                Detail = string.Create(CultureInfo.InvariantCulture, $"channel=sms template={smsTemplate.Id} to={Mask.Phone(phone)}"),
            },
            cancellationToken);
        return "sms-sent";
    }

    private async Task<string> TestSendAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Approved))
        {
            return "wrong-status";
        }

        var (emailTemplate, _) = await TemplatesOfAsync(campaign, cancellationToken);
        var address = await OwnAddressAsync(cancellationToken);
        if (emailTemplate is null || address is null)
        {
            return "no-email";
        }

        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == campaign.IncidentId, cancellationToken);
        var email = TemplatePreview.Render(emailTemplate, incident, portal.Value.PublicUrl).Email!.Value;
        try
        {
            await mail.SendAsync(new EmailMessage(address, $"[TEST] {email.Subject}", email.TextBody) { HtmlBody = email.HtmlBody }, cancellationToken);
        }
        catch (Exception e) when (e is EmailRejectedException or IOException or TimeoutException or ArgumentException)
        {
            LogTestSendFailed(logger, e, campaign.Id);
            return "failed";
        }

        var actor = StaffActor.Of(HttpContext);
        await audit.AppendAsync(
            new AuditEntry(AuditEventType.CampaignTestSent, actor)
            {
                SubjectType = "campaign",
                SubjectId = campaign.Id.ToString(CultureInfo.InvariantCulture),
                Detail = string.Create(CultureInfo.InvariantCulture, $"channel=email template={emailTemplate.Id} to={Mask.Email(address)}"),
            },
            cancellationToken);
        return "sent";
    }

    private async Task<(MessageTemplate? Email, MessageTemplate? Sms)> TemplatesOfAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var ids = new[] { campaign.EmailTemplateId, campaign.SmsTemplateId }.OfType<int>().ToList();
        var templates = await db.Set<MessageTemplate>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        return (templates.SingleOrDefault(t => t.Id == campaign.EmailTemplateId), templates.SingleOrDefault(t => t.Id == campaign.SmsTemplateId));
    }

    private async Task<string?> OwnAddressAsync(CancellationToken cancellationToken)
    {
        var staffId = StaffActor.Id(User);
        return staffId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == staffId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the test email could not be sent.")]
    private static partial void LogTestSendFailed(ILogger logger, Exception exception, int campaignId);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the test SMS could not be sent.")]
    private static partial void LogTestSmsFailed(ILogger logger, Exception exception, int campaignId);
}
