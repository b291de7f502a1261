namespace BreachPortal.Web.Notifications.Templates;

/// <summary>A value a template inserts, written <c>{{name}}</c>. Numbered for arrays; never stored.</summary>
public enum Placeholder
{
    FirstName,
    IncidentReference,

    /// <summary>The incident's start, in the template's language, as precisely as it is known.</summary>
    IncidentDate,

    /// <summary>The categories exposed for this person, in words.</summary>
    ExposedData,
    ReferenceCode,

    /// <summary>The portal's address as people type it: no scheme, no trailing slash.</summary>
    PortalAddress,
    WhatHappened,
    LikelyConsequences,
    Measures,
    WhatToDo,
    DpoContact,
}

/// <summary>
/// The placeholder syntax: exactly <c>{{name}}</c>, lower-case name, no spaces inside the braces (<c>{{ name }}</c> is
/// refused, not trimmed, so what an approver reads is exactly what is parsed). <c>{{</c> and <c>}}</c> cannot appear
/// as literal text; single braces can (CSS in the HTML version).
/// </summary>
public static class Placeholders
{
    public const int Count = (int)Placeholder.DpoContact + 1;

    private static readonly string[] Names =
    [
        "first_name",
        "incident_reference",
        "incident_date",
        "exposed_data",
        "reference_code",
        "portal_address",
        "what_happened",
        "likely_consequences",
        "measures",
        "what_to_do",
        "dpo_contact",
    ];

    private static readonly string[] Tokens = [.. Names.Select(n => "{{" + n + "}}")];

    public static IReadOnlyList<Placeholder> All { get; } = Enum.GetValues<Placeholder>();

    /// <summary>
    /// Every message names the reference code people can check at /verify and the address to type instead of a link.
    /// An email carries the whole Art. 34 notice: what happened, the data concerned, likely consequences, measures,
    /// what to do and the DPO contact. An SMS cannot hold all that: it names the incident and sends people to the
    /// portal, where the full notice is, by typing its address.
    /// </summary>
    public static IReadOnlyList<Placeholder> RequiredIn(MessageChannel channel) => channel == MessageChannel.Email ? RequiredInEmail : RequiredInSms;

    public static IReadOnlyList<Placeholder> RequiredInEmail { get; } =
    [
        Placeholder.ReferenceCode,
        Placeholder.PortalAddress,
        Placeholder.WhatHappened,
        Placeholder.ExposedData,
        Placeholder.LikelyConsequences,
        Placeholder.Measures,
        Placeholder.WhatToDo,
        Placeholder.DpoContact,
    ];

    public static IReadOnlyList<Placeholder> RequiredInSms { get; } =
        [Placeholder.IncidentReference, Placeholder.ReferenceCode, Placeholder.PortalAddress];

    public static string Name(this Placeholder placeholder) => Names[(int)placeholder];

    /// <summary><c>{{name}}</c>, as written in a template.</summary>
    public static string Token(this Placeholder placeholder) => Tokens[(int)placeholder];

    public static bool TryParse(ReadOnlySpan<char> name, out Placeholder placeholder)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                placeholder = (Placeholder)i;
                return true;
            }
        }

        placeholder = default;
        return false;
    }
}
