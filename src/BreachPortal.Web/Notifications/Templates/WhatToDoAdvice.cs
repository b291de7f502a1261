namespace BreachPortal.Web.Notifications.Templates;

/// <summary>
/// The official advice every notification repeats (CNIL, cybermalveillance.gouv.fr, 17Cyber), written once here
/// so that no template can water it down. Kept in line with the portal's "What to do" and "Where to report" pages.
/// </summary>
public static class WhatToDoAdvice
{
    /// <param name="language"><c>fr</c> or <c>en</c>.</param>
    /// <param name="portalAddress">The portal's address as people type it.</param>
    public static IReadOnlyList<string> Lines(string language, string portalAddress) => language == TemplateLanguages.English
        ?
        [
            "Be wary of messages and calls that press you to act quickly, even when they seem to come from an official body: fraudsters may know your name and contact details.",
            "Never give your passwords, codes received by text message or bank details: no public body will ask for them, by message or by phone.",
            "Our messages never contain links. Do not click links in unexpected messages: to visit an official site, type its address yourself.",
            $"To check that a message really comes from us, type {portalAddress}/en/verify into your browser and enter the reference code shown in the message.",
            "Forward fraudulent text messages, free of charge, to 33700.",
            "If you are the victim of a scam or a cyberattack, get help at 17cyber.gouv.fr and file a complaint (online, for an internet scam).",
            "Advice and support: cybermalveillance.gouv.fr.",
        ]
        :
        [
            "Méfiez-vous des messages et des appels qui vous pressent d'agir, même s'ils semblent venir d'un organisme officiel : les escrocs peuvent connaître votre nom et vos coordonnées.",
            "Ne communiquez jamais vos mots de passe, les codes reçus par SMS ni vos coordonnées bancaires : aucun organisme public ne vous les demandera, ni par message ni par téléphone.",
            "Nos messages ne contiennent jamais de lien. Ne cliquez pas sur les liens des messages inattendus : pour aller sur un site officiel, tapez vous-même son adresse.",
            $"Pour vérifier qu'un message vient bien de nous, tapez {portalAddress}/verify dans votre navigateur et saisissez le code de référence indiqué dans le message.",
            "Transférez gratuitement les SMS frauduleux au 33700.",
            "Si vous êtes victime d'une escroquerie ou d'une cyberattaque, faites-vous aider sur 17cyber.gouv.fr et portez plainte (en ligne, pour une escroquerie sur internet).",
            "Conseils et assistance : cybermalveillance.gouv.fr.",
        ];
}
