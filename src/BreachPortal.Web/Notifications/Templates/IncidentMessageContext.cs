using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>
/// Everything a message about one incident in one language inserts that does not depend on the person, computed
/// and encoded once (text, single line, HTML) so rendering only copies strings. Create one per incident and
/// language, and again when the incident's published facts change.
/// </summary>
public sealed class IncidentMessageContext
{
    private readonly string[] _text = new string[Placeholders.Count];
    private readonly string[] _line = new string[Placeholders.Count];
    private readonly string[] _html = new string[Placeholders.Count];

    private IncidentMessageContext(int incidentId, string language, string portalAddress)
    {
        IncidentId = incidentId;
        Language = language;
        PortalAddress = portalAddress;
        IsEnglish = language == TemplateLanguages.English;
        var fallback = IsEnglish ? "Sir or Madam" : "Madame, Monsieur";
        FirstNameFallback = EncodedValue.OfLine(fallback);
    }

    public int IncidentId { get; }

    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public string Language { get; }

    /// <summary>The portal's address as people type it (see <see cref="Templates.PortalAddress.ForPeople"/>).</summary>
    public string PortalAddress { get; }

    internal bool IsEnglish { get; }

    /// <summary>Inserted when a person's first name is empty: "Bonjour Madame, Monsieur," reads correctly.</summary>
    internal EncodedValue FirstNameFallback { get; }

    /// <param name="incident">The incident, with its published texts.</param>
    /// <param name="language"><c>fr</c> or <c>en</c>.</param>
    /// <param name="portalAddress"><c>Portal:PublicUrl</c>, or the address as people type it.</param>
    public static IncidentMessageContext Create(Incident incident, string language, string portalAddress)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!TemplateLanguages.IsSupported(language))
        {
            throw new ArgumentException($"Messages are written in fr or en, not '{language}'.", nameof(language));
        }

        var address = Templates.PortalAddress.ForPeople(portalAddress);
        var context = new IncidentMessageContext(incident.Id, language, address);
        var culture = TemplateLanguages.Culture(language);
        var english = context.IsEnglish;
        var date = incident.Started.ToDisplayString(culture, english ? "Paris time" : "heure de Paris")
            ?? (english ? "not published" : "non publiée");

        context.Set(Placeholder.IncidentReference, EncodedValue.OfLine(incident.Reference));
        context.Set(Placeholder.IncidentDate, EncodedValue.OfLine(date));
        context.Set(Placeholder.PortalAddress, EncodedValue.OfLine(address));
        context.Set(Placeholder.WhatHappened, EncodedValue.OfLines(incident.Summary.For(culture), bullet: false, " "));
        context.Set(Placeholder.LikelyConsequences, EncodedValue.OfLines(incident.LikelyConsequences.For(culture), bullet: true, "; "));
        context.Set(Placeholder.Measures, EncodedValue.OfLines(incident.Measures.For(culture), bullet: true, "; "));
        context.Set(Placeholder.WhatToDo, EncodedValue.OfLines(string.Join('\n', WhatToDoAdvice.Lines(language, address)), bullet: true, " "));
        context.Set(Placeholder.DpoContact, EncodedValue.OfLines(incident.DpoContact.For(culture), bullet: false, ", "));
        return context;
    }

    internal string[] Text => _text;

    internal string[] Line => _line;

    internal string[] Html => _html;

    /// <summary>The value as inserted in a text body, for previews and tests.</summary>
    public string TextOf(Placeholder placeholder) => _text[(int)placeholder] ?? throw PerPerson(placeholder);

    /// <summary>The value as inserted in an HTML body, for previews and tests.</summary>
    public string HtmlOf(Placeholder placeholder) => _html[(int)placeholder] ?? throw PerPerson(placeholder);

    internal EncodedValue ExposedData(DataCategories categories) => ExposedDataWords.For(Language, categories);

    private static ArgumentException PerPerson(Placeholder placeholder) =>
        new($"{placeholder.Token()} depends on the person; it is not part of the incident's context.", nameof(placeholder));

    private void Set(Placeholder placeholder, EncodedValue value)
    {
        _text[(int)placeholder] = value.Text;
        _line[(int)placeholder] = value.Line;
        _html[(int)placeholder] = value.Html;
    }
}
