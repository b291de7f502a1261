using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Notifications.Templates;

public enum TemplatePart
{
    Incident,
    Channel,
    Language,
    Subject,
    Text,
    Html,
}

/// <summary>
/// Why a template cannot be saved. <see cref="Code"/> is stable (<see cref="TemplateProblemCodes"/>);
/// <see cref="Detail"/> is the offending text or value as written, if any; <see cref="Message"/> explains it to staff.
/// </summary>
public sealed record TemplateProblem(string Code, TemplatePart Part, string? Detail, LocalizedText Message)
{
    /// <param name="code">One of <see cref="TemplateProblemCodes"/>.</param>
    /// <param name="part">Where the problem is.</param>
    /// <param name="detail">The offending text or value as written, if any.</param>
    /// <param name="arguments">The message's values after the part's name.</param>
    internal static TemplateProblem Of(string code, TemplatePart part, string? detail, params object?[] arguments) =>
        new(code, part, detail, TemplateTexts.Problem(code, part, arguments));
}

public static class TemplateProblemCodes
{
    public const string UnknownPlaceholder = "Template.UnknownPlaceholder";
    public const string MalformedPlaceholder = "Template.MalformedPlaceholder";
    public const string MissingPlaceholder = "Template.MissingPlaceholder";
    public const string WebAddress = "Template.WebAddress";
    public const string ForbiddenHtml = "Template.ForbiddenHtml";
    public const string PlaceholderInMarkup = "Template.PlaceholderInMarkup";
    public const string Required = "Template.Required";
    public const string NotForSms = "Template.NotForSms";
    public const string TooLong = "Template.TooLong";
    public const string LineBreak = "Template.LineBreak";
    public const string ControlCharacter = "Template.ControlCharacter";
    public const string SmsTooManySegments = "Template.SmsTooManySegments";
    public const string UnsupportedLanguage = "Template.UnsupportedLanguage";
    public const string UnsupportedChannel = "Template.UnsupportedChannel";
    public const string IncidentNotFound = "Template.IncidentNotFound";
}
