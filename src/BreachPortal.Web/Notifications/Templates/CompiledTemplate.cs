namespace BreachPortal.Web.Notifications.Templates;

/// <summary>
/// A template parsed once into literal and placeholder parts; rendering only measures and copies strings. Thread-safe:
/// compile each stored version once per process and share it.
/// </summary>
public sealed class CompiledTemplate
{
    private readonly TemplateSegment[] _subject;
    private readonly TemplateSegment[] _text;
    private readonly TemplateSegment[] _html;

    private CompiledTemplate(int incidentId, MessageChannel channel, string language, TemplateSegment[] subject, TemplateSegment[] text, TemplateSegment[] html)
    {
        IncidentId = incidentId;
        Channel = channel;
        Language = language;
        _subject = subject;
        _text = text;
        _html = html;
    }

    /// <summary>0 for a draft that is not tied to a stored incident yet.</summary>
    public int IncidentId { get; }

    public MessageChannel Channel { get; }

    public string Language { get; }

    /// <exception cref="InvalidOperationException">The template does not follow the placeholder syntax.</exception>
    public static CompiledTemplate Compile(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Compile(template.IncidentId, template.Channel, template.Language, template.Subject, template.TextBody, template.HtmlBody, $"Template {template.Id}");
    }

    internal static CompiledTemplate Compile(int incidentId, MessageChannel channel, string language, string? subject, string text, string? html, string name)
    {
        if (!TemplateLanguages.IsSupported(language))
        {
            throw new InvalidOperationException($"{name} is in '{language}', not fr or en.");
        }

        var email = channel == MessageChannel.Email;
        if (email && (subject is null || html is null))
        {
            throw new InvalidOperationException($"{name} is an email without a subject or an HTML version.");
        }

        return new(
            incidentId,
            channel,
            language,
            email ? Parse(subject!, name) : [],
            Parse(text, name),
            email ? Parse(html!, name) : []);
    }

    /// <exception cref="InvalidOperationException">The template is an SMS, or belongs to another incident or language.</exception>
    public RenderedEmail RenderEmail(IncidentMessageContext context, RecipientValues recipient)
    {
        CheckFits(context, MessageChannel.Email);
        var name = FirstName(context, recipient.FirstName);
        var nameHtml = MessageText.HtmlEncode(name);
        var exposed = context.ExposedData(recipient.ExposedData);
        var code = MessageText.SingleLine(recipient.ReferenceCode ?? "");
        return new(
            MessageText.SingleLine(Render(_subject, context.Line, name, exposed.Line, code)),
            Render(_text, context.Text, name, exposed.Text, code),
            Render(_html, context.Html, nameHtml, exposed.Html, MessageText.HtmlEncode(code)));
    }

    /// <summary>
    /// The SMS text and what it costs. Letters of the first name that GSM-7 lacks are folded to their base letter
    /// (<see cref="SmsSegments.FoldToGsm7"/>); the approved words themselves are sent as written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The template is an email, or belongs to another incident or language.</exception>
    public RenderedSms RenderSms(IncidentMessageContext context, RecipientValues recipient)
    {
        CheckFits(context, MessageChannel.Sms);
        var name = SmsSegments.FoldToGsm7(FirstName(context, recipient.FirstName));
        var exposed = context.ExposedData(recipient.ExposedData);
        var text = Render(_text, context.Text, name, exposed.Text, MessageText.SingleLine(recipient.ReferenceCode ?? ""));
        var analysis = SmsSegments.Analyse(text);
        return new(text, analysis.Encoding, analysis.Segments);
    }

    private static string FirstName(IncidentMessageContext context, string? firstName)
    {
        var name = MessageText.SingleLine(firstName ?? "");
        return name.Length > 0 ? name : context.FirstNameFallback.Text;
    }

    private static TemplateSegment[] Parse(string text, string name)
    {
        var parsed = TemplateSyntax.Parse(text);
        return parsed.Errors.Count == 0
            ? parsed.Segments
            : throw new InvalidOperationException(
                $"{name} cannot be compiled: {string.Join(", ", parsed.Errors.Select(e => $"{e.Kind} '{e.Excerpt}' at {e.Position}"))}.");
    }

    private static string Render(TemplateSegment[] segments, string[] values, string firstName, string exposedData, string referenceCode)
    {
        var state = new RenderState(segments, values, firstName, exposedData, referenceCode);
        var length = 0;
        foreach (var segment in segments)
        {
            length += state.Resolve(segment).Length;
        }

        return string.Create(length, state, static (destination, state) =>
        {
            foreach (var segment in state.Segments)
            {
                var value = state.Resolve(segment);
                value.CopyTo(destination);
                destination = destination[value.Length..];
            }
        });
    }

    private void CheckFits(IncidentMessageContext context, MessageChannel channel)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Channel != channel)
        {
            throw new InvalidOperationException($"This template is for {Channel}, not {channel}.");
        }

        if (!string.Equals(context.Language, Language, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"This template is in '{Language}'; the context is in '{context.Language}'.");
        }

        if (IncidentId != 0 && context.IncidentId != IncidentId)
        {
            throw new InvalidOperationException($"This template belongs to incident {IncidentId}; the context is incident {context.IncidentId}.");
        }
    }

    private readonly record struct RenderState(TemplateSegment[] Segments, string[] Values, string FirstName, string ExposedData, string ReferenceCode)
    {
        public string Resolve(TemplateSegment segment) => segment.Literal ?? segment.Placeholder switch
        {
            Placeholder.FirstName => FirstName,
            Placeholder.ExposedData => ExposedData,
            Placeholder.ReferenceCode => ReferenceCode,
            _ => Values[(int)segment.Placeholder],
        };
    }
}
