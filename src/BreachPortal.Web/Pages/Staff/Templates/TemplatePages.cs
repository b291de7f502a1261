using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Templates;

/// <summary>What the template pages share: channel names in addresses, who wrote a version, the SMS worst case.</summary>
public static class TemplatePages
{
    public static IReadOnlyList<MessageChannel> Channels { get; } = [MessageChannel.Email, MessageChannel.Sms];

    /// <summary>The channel as written in addresses: <c>Email</c> or <c>Sms</c>.</summary>
    public static string Slug(MessageChannel channel) => channel == MessageChannel.Email ? "Email" : "Sms";

    public static MessageChannel? ParseChannel(string? value) =>
        Channels.Cast<MessageChannel?>().FirstOrDefault(c => string.Equals(Slug(c!.Value), value, StringComparison.OrdinalIgnoreCase));

    public static string? ParseLanguage(string? value) =>
        TemplateLanguages.All.FirstOrDefault(l => string.Equals(l, value, StringComparison.OrdinalIgnoreCase));

    public static Task<Incident?> IncidentAsync(PortalDbContext db, string? reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > Incident.ReferenceMaxLength)
        {
            return Task.FromResult<Incident?>(null);
        }

        return db.Incidents.AsNoTracking().FindByReferenceAsync(reference, cancellationToken);
    }

    /// <summary>Each author's masked address, as staff members are named everywhere in the console.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> AuthorsAsync(PortalDbContext db, IEnumerable<MessageTemplate> versions, CancellationToken cancellationToken)
    {
        var ids = versions.Where(v => v.CreatedBy is not null).Select(v => v.CreatedBy!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => Mask.Email(u.Email));
    }

    /// <summary>
    /// Each placeholder as the SMS worst case fills it (a long compound first name, every category the incident
    /// exposed), so that the live counter counts what <see cref="TemplateRules"/> counts.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WorstCaseSmsValues(Incident incident, string language, string portalAddress)
    {
        var context = IncidentMessageContext.Create(incident, language, portalAddress);
        // TemplateRules' own worst-case code is private; the preview code has the same length and alphabet, so the same cost.
        var person = new RecipientValues(TemplateRules.WorstCaseFirstName, incident.ExposedData, TemplatePreview.SyntheticReferenceCode);
        return Placeholders.All.ToDictionary(
            p => p.Token(),
            p => CompiledTemplate.Compile(new MessageTemplate { IncidentId = incident.Id, Channel = MessageChannel.Sms, Language = language, TextBody = p.Token() })
                .RenderSms(context, person).Text,
            StringComparer.Ordinal);
    }
}
