using System.Collections.Concurrent;
using System.Security.Cryptography;
using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>
/// Turns a claimed ledger row into the email or SMS that goes out: opens the person's details, renders the
/// campaign's pinned template (compiled once per process) or opens a priority message's stored text.
/// </summary>
public sealed class MessageComposer(
    IServiceScopeFactory scopes,
    PersonPayload payloads,
    PriorityMessages priority,
    IOptions<PortalOptions> portal,
    IOptions<EmailOptions> email)
{
    private readonly ConcurrentDictionary<int, CompiledTemplate> _templates = new();
    private readonly ConcurrentDictionary<(int Incident, string Language), IncidentMessageContext> _contexts = new();
    private readonly string _messageIdDomain = DomainOf(email.Value.From);

    /// <summary>Loads what the campaign's messages need, once per campaign and process.</summary>
    public async Task PrepareAsync(CampaignRow campaign, CancellationToken cancellationToken)
    {
        var missing = new[] { campaign.EmailTemplateId, campaign.SmsTemplateId }
            .OfType<int>()
            .Where(id => !_templates.ContainsKey(id))
            .ToList();
        var needsContext = !_contexts.ContainsKey((campaign.IncidentId, campaign.Language));
        if (missing.Count == 0 && !needsContext)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        foreach (var template in await db.Set<MessageTemplate>().AsNoTracking().Where(t => missing.Contains(t.Id)).ToListAsync(cancellationToken))
        {
            _templates[template.Id] = CompiledTemplate.Compile(template);
        }

        if (needsContext)
        {
            var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == campaign.IncidentId, cancellationToken);
            _contexts[(campaign.IncidentId, campaign.Language)] = IncidentMessageContext.Create(incident, campaign.Language, portal.Value.PublicUrl);
        }
    }

    /// <returns>The email to send, or a reason (no address, person purged…) why it cannot be.</returns>
    public (EmailMessage? Message, string? Problem) ComposeEmail(ClaimedMessage message, CampaignRow? campaign)
    {
        var (details, problem) = Open(message);
        if (details is null)
        {
            return (null, problem);
        }

        if (details.Email is null)
        {
            return (null, "no-email");
        }

        if (campaign is null)
        {
            var (subject, text) = priority.Open(message.ReferenceCode, message.Content!);
            return (new EmailMessage(details.Email, subject ?? "", text) { MessageId = MessageId(message.ReferenceCode) }, null);
        }

        var rendered = _templates[campaign.EmailTemplateId!.Value].RenderEmail(Context(campaign), Recipient(message, details));
        return (new EmailMessage(details.Email, rendered.Subject, rendered.TextBody)
        {
            HtmlBody = rendered.HtmlBody,
            MessageId = MessageId(message.ReferenceCode),
        }, null);
    }

    /// <returns>The SMS to send, or a reason (no mobile number, person purged…) why it cannot be.</returns>
    public (SmsMessage? Message, string? Problem) ComposeSms(ClaimedMessage message, CampaignRow? campaign)
    {
        var (details, problem) = Open(message);
        if (details is null)
        {
            return (null, problem);
        }

        if (details.Phone is null)
        {
            return (null, "no-phone");
        }

        if (!PhoneNumber.IsMobile(details.Phone))
        {
            return (null, "not-mobile");
        }

        var text = campaign is null
            ? priority.Open(message.ReferenceCode, message.Content!).Text
            : _templates[campaign.SmsTemplateId!.Value].RenderSms(Context(campaign), Recipient(message, details)).Text;
        return (new SmsMessage(details.Phone, text, message.ReferenceCode), null);
    }

    private (PersonDetails? Details, string? Problem) Open(ClaimedMessage message)
    {
        if (message.Payload is null || message.NirIndex is null)
        {
            return (null, "person-purged");
        }

        if (message.Content is null && message.CampaignId is null)
        {
            return (null, "content-missing");
        }

        try
        {
            return (payloads.Open(message.Payload, message.NirIndex), null);
        }
        catch (CryptographicException)
        {
            return (null, "payload-unreadable");
        }
    }

    private IncidentMessageContext Context(CampaignRow campaign) => _contexts[(campaign.IncidentId, campaign.Language)];

    private static RecipientValues Recipient(ClaimedMessage message, PersonDetails details) =>
        new(details.FirstName, message.ExposedData, message.ReferenceCode);

    /// <summary>The same on every attempt, so a message sent twice after a crash can be recognised as one.</summary>
    private string MessageId(string reference) => $"{reference}@{_messageIdDomain}";

    private static string DomainOf(string from)
    {
        var at = from.LastIndexOf('@');
        return at >= 0 ? from[(at + 1)..].TrimEnd('>', ' ') : "breachportal.invalid";
    }
}
