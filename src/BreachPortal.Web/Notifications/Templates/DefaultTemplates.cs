namespace BreachPortal.Web.Notifications.Templates;

/// <summary>The words of a default version, before it belongs to an incident.</summary>
public sealed record DefaultTemplate(MessageChannel Channel, string Language, string? Subject, string TextBody, string? HtmlBody)
{
    public TemplateDraft ToDraft(int incidentId) => new()
    {
        IncidentId = incidentId,
        Channel = Channel,
        Language = Language,
        Subject = Subject,
        TextBody = TextBody,
        HtmlBody = HtmlBody,
    };
}

/// <summary>
/// The first version of every incident's messages: calm, plain, no urgency and no link, the whole Art. 34 notice in
/// the email, and in the SMS the incident, the address to type and the code to check. The French SMS avoids
/// ç, â, ê, î, ô, û, ë and œ (and typographic quotes and non-breaking spaces) so that it stays in GSM-7.
/// </summary>
public static class DefaultTemplates
{
    public static IReadOnlyList<DefaultTemplate> All { get; } =
    [
        new(MessageChannel.Email, TemplateLanguages.French, FrenchSubject, FrenchText, FrenchHtml),
        new(MessageChannel.Email, TemplateLanguages.English, EnglishSubject, EnglishText, EnglishHtml),
        new(MessageChannel.Sms, TemplateLanguages.French, null, FrenchSms, null),
        new(MessageChannel.Sms, TemplateLanguages.English, null, EnglishSms, null),
    ];

    public static DefaultTemplate For(MessageChannel channel, string language) =>
        All.SingleOrDefault(t => t.Channel == channel && t.Language == language)
        ?? throw new ArgumentException($"There is no default template for {channel} in '{language}'.", nameof(language));

    private const string FrenchSubject = "Information sur une violation de vos données personnelles (incident {{incident_reference}})";

    private const string FrenchText =
        """
        Bonjour {{first_name}},

        Nous vous informons qu'une violation de données personnelles vous concerne (incident {{incident_reference}}). Ce message vous explique ce qui s'est passé, les risques et ce que vous pouvez faire. Il ne contient aucun lien et ne vous demande aucune démarche urgente.

        Ce qui s'est passé
        {{what_happened}}
        Début de l'incident : {{incident_date}}.

        Les données vous concernant
        Les données exposées qui vous concernent sont : {{exposed_data}}.

        Les conséquences possibles
        {{likely_consequences}}

        Les mesures prises
        {{measures}}

        Ce que nous vous conseillons
        {{what_to_do}}

        Pour en savoir plus
        Toutes les informations sur cet incident sont sur notre portail : tapez vous-même l'adresse {{portal_address}} dans votre navigateur.

        Pour toute question sur vos données, ou pour exercer vos droits, vous pouvez écrire à notre délégué à la protection des données :
        {{dpo_contact}}
        Vous pouvez aussi adresser une réclamation à la CNIL.

        Nous regrettons sincèrement cet incident.

        Référence de ce message : {{reference_code}}
        """;

    private const string FrenchHtml =
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <title>Information sur une violation de vos données personnelles</title>
        </head>
        <body style="margin: 0; padding: 16px; font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #161616; background: #ffffff;">
        <div style="max-width: 640px;">
        <p>Bonjour {{first_name}},</p>
        <p>Nous vous informons qu'une violation de données personnelles vous concerne (incident {{incident_reference}}). Ce message vous explique ce qui s'est passé, les risques et ce que vous pouvez faire. Il ne contient aucun lien et ne vous demande aucune démarche urgente.</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Ce qui s'est passé</h2>
        <p>{{what_happened}}</p>
        <p>Début de l'incident : {{incident_date}}.</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Les données vous concernant</h2>
        <p>Les données exposées qui vous concernent sont : {{exposed_data}}.</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Les conséquences possibles</h2>
        <p>{{likely_consequences}}</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Les mesures prises</h2>
        <p>{{measures}}</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Ce que nous vous conseillons</h2>
        <p>{{what_to_do}}</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Pour en savoir plus</h2>
        <p>Toutes les informations sur cet incident sont sur notre portail : tapez vous-même l'adresse <strong>{{portal_address}}</strong> dans votre navigateur.</p>
        <p>Pour toute question sur vos données, ou pour exercer vos droits, vous pouvez écrire à notre délégué à la protection des données :<br>{{dpo_contact}}</p>
        <p>Vous pouvez aussi adresser une réclamation à la CNIL.</p>
        <p>Nous regrettons sincèrement cet incident.</p>
        <p style="margin-top: 24px; font-size: 14px;">Référence de ce message : <strong>{{reference_code}}</strong></p>
        </div>
        </body>
        </html>
        """;

    private const string EnglishSubject = "Information about a breach of your personal data (incident {{incident_reference}})";

    private const string EnglishText =
        """
        Hello {{first_name}},

        We are writing to let you know about a personal data breach that concerns you (incident {{incident_reference}}). This message explains what happened, the risks and what you can do. It contains no links and asks you to do nothing urgently.

        What happened
        {{what_happened}}
        Start of the incident: {{incident_date}}.

        Your data concerned
        The data about you that was exposed: {{exposed_data}}.

        Possible consequences
        {{likely_consequences}}

        Measures taken
        {{measures}}

        What we advise
        {{what_to_do}}

        Find out more
        All the information about this incident is on our portal: type the address {{portal_address}}/en into your browser yourself.

        For any question about your data, or to exercise your rights, you can write to our data protection officer:
        {{dpo_contact}}
        You can also lodge a complaint with the CNIL, the French data protection authority.

        We sincerely regret this incident.

        Reference of this message: {{reference_code}}
        """;

    private const string EnglishHtml =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Information about a breach of your personal data</title>
        </head>
        <body style="margin: 0; padding: 16px; font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #161616; background: #ffffff;">
        <div style="max-width: 640px;">
        <p>Hello {{first_name}},</p>
        <p>We are writing to let you know about a personal data breach that concerns you (incident {{incident_reference}}). This message explains what happened, the risks and what you can do. It contains no links and asks you to do nothing urgently.</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">What happened</h2>
        <p>{{what_happened}}</p>
        <p>Start of the incident: {{incident_date}}.</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Your data concerned</h2>
        <p>The data about you that was exposed: {{exposed_data}}.</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Possible consequences</h2>
        <p>{{likely_consequences}}</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Measures taken</h2>
        <p>{{measures}}</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">What we advise</h2>
        <p>{{what_to_do}}</p>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">Find out more</h2>
        <p>All the information about this incident is on our portal: type the address <strong>{{portal_address}}/en</strong> into your browser yourself.</p>
        <p>For any question about your data, or to exercise your rights, you can write to our data protection officer:<br>{{dpo_contact}}</p>
        <p>You can also lodge a complaint with the CNIL, the French data protection authority.</p>
        <p>We sincerely regret this incident.</p>
        <p style="margin-top: 24px; font-size: 14px;">Reference of this message: <strong>{{reference_code}}</strong></p>
        </div>
        </body>
        </html>
        """;

    private const string FrenchSms =
        "Bonjour {{first_name}}, des données vous concernant ont été exposées (incident {{incident_reference}}). " +
        "Pour en savoir plus, tapez {{portal_address}} dans votre navigateur. " +
        "Nous ne demandons jamais vos mots de passe ni vos coordonnées bancaires. Code de vérification : {{reference_code}}";

    private const string EnglishSms =
        "Hello {{first_name}}, data about you was exposed (incident {{incident_reference}}). " +
        "To find out more, type {{portal_address}}/en into your browser. " +
        "We never ask for your passwords or bank details. Verification code: {{reference_code}}";
}
