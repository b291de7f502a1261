using BreachPortal.Web.Demo;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;

namespace BreachPortal.Tests.Notifications.Templates;

internal static class TemplateTestData
{
    public const string PublicUrl = "https://violation.example.fr";
    public const string TypedPortalAddress = "violation.example.fr";
    public const string ReferenceCode = "K7M3-Q9PX-4TRW";

    /// <summary>The France Travail 2024 incident as published, not stored (id 0).</summary>
    public static Incident FranceTravail => DemoIncidents.Create()[0];

    public static Incident PoleEmploi => DemoIncidents.Create()[1];

    /// <summary>Every placeholder once, in each part.</summary>
    public static string AllPlaceholders => string.Concat(Placeholders.All.Select(p => $"[{p.Token()}]"));

    public static TemplateDraft EmailDraft(string language = "fr", string? subject = null, string? text = null, string? html = null)
    {
        var defaults = DefaultTemplates.For(MessageChannel.Email, language);
        return defaults.ToDraft(0) with
        {
            Subject = subject ?? defaults.Subject,
            TextBody = text ?? defaults.TextBody,
            HtmlBody = html ?? defaults.HtmlBody,
        };
    }

    public static TemplateDraft SmsDraft(string text, string language = "fr") =>
        DefaultTemplates.For(MessageChannel.Sms, language).ToDraft(0) with { TextBody = text };

    public static TemplateCheck Check(TemplateDraft draft) => TemplateRules.Check(draft, FranceTravail, PublicUrl);

    public static CompiledTemplate Compile(MessageChannel channel, string language, string? subject, string text, string? html) =>
        CompiledTemplate.Compile(new MessageTemplate
        {
            IncidentId = 0,
            Channel = channel,
            Language = language,
            Version = 1,
            Subject = subject,
            TextBody = text,
            HtmlBody = html,
        });

    public static IncidentMessageContext Context(string language = "fr", Incident? incident = null) =>
        IncidentMessageContext.Create(incident ?? FranceTravail, language, PublicUrl);
}
