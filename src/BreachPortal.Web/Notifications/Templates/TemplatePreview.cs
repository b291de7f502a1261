using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>A template version rendered for a synthetic person: exactly what a real person would get, with a made-up name and code.</summary>
/// <param name="Email">Set for an email template.</param>
/// <param name="Sms">Set for an SMS template.</param>
public sealed record TemplatePreviewResult(RenderedEmail? Email, RenderedSms? Sms);

/// <summary>
/// Renders template versions the way the dispatcher does (same compiler, same incident context), for a person who
/// does not exist: staff review what will be sent without any real person's data on screen.
/// </summary>
public static class TemplatePreview
{
    public const string SyntheticFirstName = "Camille";

    /// <summary>A reference code of the right shape that no message carries (Crockford's alphabet has no U).</summary>
    public const string SyntheticReferenceCode = "PREV-IEWU-CODE";

    /// <param name="template">The version to render.</param>
    /// <param name="incident">Its incident: the synthetic person has every category the incident exposed.</param>
    /// <param name="portalAddress">The portal's public address, as in real messages.</param>
    public static TemplatePreviewResult Render(MessageTemplate template, Incident incident, string portalAddress)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(incident);
        var context = IncidentMessageContext.Create(incident, template.Language, portalAddress);
        var person = new RecipientValues(SyntheticFirstName, incident.ExposedData, SyntheticReferenceCode);
        var compiled = CompiledTemplate.Compile(template);
        return template.Channel == MessageChannel.Email
            ? new(compiled.RenderEmail(context, person), null)
            : new(null, compiled.RenderSms(context, person));
    }
}
