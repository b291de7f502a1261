using System.Globalization;
using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>What a save reports: the problems (none: the draft may be saved) and, for an SMS, its worst-case cost.</summary>
public sealed record TemplateCheck(IReadOnlyList<TemplateProblem> Problems, SmsAnalysis? WorstCaseSms)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// The rules a template version must pass before it is saved (see <see cref="Placeholders.RequiredIn"/> for what
/// each channel must contain). Pure: the same draft, incident and address always give the same answer.
/// </summary>
public static class TemplateRules
{
    public const int MaxSmsSegments = 3;
    public const int SmsTextMaxLength = 1_000;
    public const int EmailTextMaxLength = 20_000;
    public const int HtmlMaxLength = 100_000;

    /// <summary>A long compound first name, for the SMS's worst case.</summary>
    public const string WorstCaseFirstName = "Marie-Christine-Alexandra";

    private const string WorstCaseReferenceCode = "WWWW-WWWW-WWWW";

    /// <param name="draft">The proposed version; checked as it will be stored (<see cref="TemplateDraft.Normalized"/>).</param>
    /// <param name="incident">The incident the draft is for: its texts make the SMS's worst case.</param>
    /// <param name="portalAddress"><c>Portal:PublicUrl</c>: the one address a template may name in words.</param>
    public static TemplateCheck Check(TemplateDraft draft, Incident incident, string portalAddress)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Id != draft.IncidentId)
        {
            throw new ArgumentException($"The draft is for incident {draft.IncidentId}, not {incident.Id}.", nameof(incident));
        }

        draft = draft.Normalized();
        var problems = new List<TemplateProblem>();
        if (!Enum.IsDefined(draft.Channel))
        {
            problems.Add(Problem(TemplateProblemCodes.UnsupportedChannel, TemplatePart.Channel, null));
            return new(problems, null);
        }

        var languageSupported = TemplateLanguages.IsSupported(draft.Language);
        if (!languageSupported)
        {
            problems.Add(Problem(TemplateProblemCodes.UnsupportedLanguage, TemplatePart.Language, draft.Language, draft.Language));
        }

        var address = PortalAddress.ForPeople(portalAddress);
        var portalHost = PortalAddress.Host(address);
        var email = draft.Channel == MessageChannel.Email;
        var syntaxOk = true;
        if (email)
        {
            syntaxOk &= CheckSubject(draft.Subject, portalHost, problems);
            syntaxOk &= CheckBody(draft.TextBody, TemplatePart.Text, MessageChannel.Email, EmailTextMaxLength, portalHost, problems);
            syntaxOk &= CheckBody(draft.HtmlBody, TemplatePart.Html, MessageChannel.Email, HtmlMaxLength, portalHost, problems);
        }
        else
        {
            if (draft.Subject is not null)
            {
                problems.Add(Problem(TemplateProblemCodes.NotForSms, TemplatePart.Subject, null));
            }

            if (draft.HtmlBody is not null)
            {
                problems.Add(Problem(TemplateProblemCodes.NotForSms, TemplatePart.Html, null));
            }

            syntaxOk &= CheckBody(draft.TextBody, TemplatePart.Text, MessageChannel.Sms, SmsTextMaxLength, portalHost, problems);
        }

        SmsAnalysis? worstCase = null;
        if (!email && syntaxOk && languageSupported && draft.TextBody.Length > 0)
        {
            worstCase = WorstCaseSms(draft, incident, address);
            if (worstCase.Value.Segments > MaxSmsSegments)
            {
                problems.Add(Problem(
                    TemplateProblemCodes.SmsTooManySegments,
                    TemplatePart.Text,
                    worstCase.Value.Segments.ToString(CultureInfo.InvariantCulture),
                    worstCase.Value.Segments,
                    worstCase.Value.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2",
                    MaxSmsSegments));
            }
        }

        return new(problems, worstCase);
    }

    /// <summary>The SMS rendered for a person with a long first name and every category the incident exposed.</summary>
    private static SmsAnalysis WorstCaseSms(TemplateDraft draft, Incident incident, string portalAddress)
    {
        var template = CompiledTemplate.Compile(incident.Id, MessageChannel.Sms, draft.Language, null, draft.TextBody, null, "Draft");
        var context = IncidentMessageContext.Create(incident, draft.Language, portalAddress);
        var rendered = template.RenderSms(context, new RecipientValues(WorstCaseFirstName, incident.ExposedData, WorstCaseReferenceCode));
        return SmsSegments.Analyse(rendered.Text);
    }

    private static bool CheckSubject(string? subject, string portalHost, List<TemplateProblem> problems)
    {
        if (subject is null)
        {
            problems.Add(Problem(TemplateProblemCodes.Required, TemplatePart.Subject, null));
            return true;
        }

        if (subject.Length > MessageTemplate.SubjectMaxLength)
        {
            problems.Add(Problem(TemplateProblemCodes.TooLong, TemplatePart.Subject, null, MessageTemplate.SubjectMaxLength, subject.Length));
        }

        if (subject.Contains('\n', StringComparison.Ordinal) || subject.Contains('\r', StringComparison.Ordinal))
        {
            problems.Add(Problem(TemplateProblemCodes.LineBreak, TemplatePart.Subject, null));
        }

        CheckControlCharacters(subject, TemplatePart.Subject, problems);
        var parsed = CheckSyntax(subject, TemplatePart.Subject, problems);
        CheckWebAddresses(subject, TemplatePart.Subject, portalHost, problems);
        return parsed.Errors.Count == 0;
    }

    private static bool CheckBody(string? body, TemplatePart part, MessageChannel channel, int maxLength, string portalHost, List<TemplateProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            problems.Add(Problem(TemplateProblemCodes.Required, part, null));
            return true;
        }

        if (body.Length > maxLength)
        {
            problems.Add(Problem(TemplateProblemCodes.TooLong, part, null, maxLength, body.Length));
        }

        CheckControlCharacters(body, part, problems);
        var parsed = CheckSyntax(body, part, problems);
        foreach (var required in Placeholders.RequiredIn(channel))
        {
            if (!parsed.Uses(required))
            {
                problems.Add(Problem(
                    TemplateProblemCodes.MissingPlaceholder,
                    part,
                    required.Token(),
                    required.Token(),
                    new Reason($"Required.{required.Name()}")));
            }
        }

        CheckWebAddresses(body, part, portalHost, problems);
        if (part == TemplatePart.Html)
        {
            foreach (var construct in HtmlSafety.ForbiddenConstructs(body))
            {
                problems.Add(Problem(TemplateProblemCodes.ForbiddenHtml, part, construct, construct));
            }

            foreach (var placed in parsed.Segments.Where(s => s.Literal is null && HtmlSafety.IsInMarkup(body, s.Position)).Select(s => s.Placeholder).Distinct())
            {
                problems.Add(Problem(TemplateProblemCodes.PlaceholderInMarkup, part, placed.Token(), placed.Token()));
            }
        }

        return parsed.Errors.Count == 0;
    }

    private static ParsedText CheckSyntax(string text, TemplatePart part, List<TemplateProblem> problems)
    {
        var parsed = TemplateSyntax.Parse(text);
        foreach (var error in parsed.Errors.DistinctBy(e => (e.Kind, e.Excerpt)))
        {
            problems.Add(error.Kind == SyntaxErrorKind.UnknownPlaceholder
                ? Problem(TemplateProblemCodes.UnknownPlaceholder, part, error.Excerpt, error.Excerpt, string.Join(", ", Placeholders.All.Select(p => p.Token())))
                : Problem(TemplateProblemCodes.MalformedPlaceholder, part, error.Excerpt, error.Excerpt, Placeholder.FirstName.Token()));
        }

        return parsed;
    }

    private static void CheckWebAddresses(string text, TemplatePart part, string portalHost, List<TemplateProblem> problems)
    {
        foreach (var address in WebAddresses.Find(TemplateSyntax.BlankPlaceholders(text), portalHost))
        {
            problems.Add(Problem(TemplateProblemCodes.WebAddress, part, address, address, Placeholder.PortalAddress.Token()));
        }
    }

    // Line breaks in a subject have their own problem; tabs are harmless whitespace.
    private static void CheckControlCharacters(string text, TemplatePart part, List<TemplateProblem> problems)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (MessageText.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                var code = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                problems.Add(Problem(TemplateProblemCodes.ControlCharacter, part, $"U+{code}", code, i + 1));
                return;
            }
        }
    }

    private static TemplateProblem Problem(string code, TemplatePart part, string? detail, params object?[] arguments) =>
        TemplateProblem.Of(code, part, detail, arguments);
}

/// <summary>A message argument that is itself a text of TemplateTexts, translated with the message.</summary>
internal sealed record Reason(string Key) : IFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        TemplateTexts.Text(Key, formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture);

    public override string ToString() => Key;
}
