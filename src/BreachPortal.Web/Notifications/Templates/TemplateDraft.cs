namespace BreachPortal.Web.Notifications.Templates;

/// <summary>The words a staff member proposes for a new version; checked by <see cref="TemplateRules"/>.</summary>
public sealed record TemplateDraft
{
    public required int IncidentId { get; init; }

    public required MessageChannel Channel { get; init; }

    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Email only.</summary>
    public string? Subject { get; init; }

    public required string TextBody { get; init; }

    /// <summary>Email only.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>
    /// Line endings as LF (browsers post CRLF; an SMS would count the CR) and empty parts as absent, so that what is
    /// checked is exactly what is stored.
    /// </summary>
    public TemplateDraft Normalized() => this with
    {
        Subject = string.IsNullOrWhiteSpace(Subject) ? null : Subject.Trim(),
        TextBody = (TextBody ?? "").ReplaceLineEndings("\n"),
        HtmlBody = string.IsNullOrWhiteSpace(HtmlBody) ? null : HtmlBody.ReplaceLineEndings("\n"),
    };
}
