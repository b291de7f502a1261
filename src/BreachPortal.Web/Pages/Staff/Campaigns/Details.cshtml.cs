using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Staff.Campaigns;

/// <summary>
/// One campaign as its approver must see it: the exact messages, rendered for a synthetic person, and how many people
/// they will reach; with the actions its status allows and a test send to the signed-in Operator's own address and verified mobile.
/// </summary>
public sealed class DetailsModel(PortalDbContext db, CampaignTestSender tests, IOptions<PortalOptions> portal) : PageModel
{
    public static IReadOnlyList<string> Notices { get; } = ["created", "approve", "start", "pause", "resume", "cancel"];

    private const string SentEmail = "sent";

    private const string SentSms = "sms-sent";

    public static IReadOnlyList<string> TestOutcomes { get; } = [SentEmail, "no-email", "wrong-status", "failed", SentSms, "no-phone", "sms-failed"];

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

    public bool TestSucceeded => Test is SentEmail or SentSms;

    public bool CanTestSend => CampaignTestSender.CanTry(View.Campaign);

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
        (EmailTemplate, SmsTemplate) = await CampaignTemplates.OfAsync(db, view.Campaign, cancellationToken);
        Email = EmailTemplate is null ? null : TemplatePreview.Render(EmailTemplate, view.Incident, portal.Value.PublicUrl).Email;
        Sms = SmsTemplate is null ? null : TemplatePreview.Render(SmsTemplate, view.Incident, portal.Value.PublicUrl).Sms;
        OwnAddress = Mask.Email(await tests.RecipientAsync(CurrentStaff, MessageChannel.Email, cancellationToken));
        OwnPhone = await tests.RecipientAsync(CurrentStaff, MessageChannel.Sms, cancellationToken) is { } phone ? Mask.Phone(phone) : null;
        return Page();
    }

    public Task<IActionResult> OnPostTestSendAsync(int id) => TestSendAsync(id, MessageChannel.Email);

    public Task<IActionResult> OnPostTestSendSmsAsync(int id) => TestSendAsync(id, MessageChannel.Sms);

    private async Task<IActionResult> TestSendAsync(int id, MessageChannel channel)
    {
        var outcome = await tests.SendAsync(id, channel, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        if (outcome == CampaignTestOutcome.CampaignNotFound)
        {
            return NotFound();
        }

        return RedirectToPage("/Staff/Campaigns/Details", new { id, test = Notice(channel, outcome) });
    }

    private static string Notice(MessageChannel channel, CampaignTestOutcome outcome) => (channel, outcome) switch
    {
        (_, CampaignTestOutcome.WrongStatus) => "wrong-status",
        (MessageChannel.Email, CampaignTestOutcome.Sent) => SentEmail,
        (MessageChannel.Email, CampaignTestOutcome.NoRecipient) => "no-email",
        (MessageChannel.Email, _) => "failed",
        (_, CampaignTestOutcome.Sent) => SentSms,
        (_, CampaignTestOutcome.NoRecipient) => "no-phone",
        _ => "sms-failed",
    };
}
