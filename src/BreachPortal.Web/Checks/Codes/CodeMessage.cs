using System.Globalization;
using BreachPortal.Web.Registry.Protection;

namespace BreachPortal.Web.Checks.Codes;

/// <summary>
/// The message that carries a one-time code. Like every message of the portal it holds no link, and it says that
/// nobody from the agency will ever ask for the code; its reference code can be checked at /verify like any other
/// message's. The SMS stays in GSM-7 (no ê, ç…).
/// </summary>
public static class CodeMessage
{
    public static (string? Subject, string Text) Compose(BlindIndexKind kind, string language, string code, string reference, int minutes, string agencyName, string portalAddress)
    {
        var english = string.Equals(language, "en", StringComparison.Ordinal);
        var agency = string.IsNullOrWhiteSpace(agencyName) ? (english ? "the agency" : "l'agence") : agencyName.Trim();
        if (kind == BlindIndexKind.Phone)
        {
            return (null, english
                ? string.Create(CultureInfo.InvariantCulture, $"{code} is your verification code for {portalAddress}. It expires in {minutes} minutes. Never share it: {agency} will never ask you for it. Ref. {reference}")
                : string.Create(CultureInfo.InvariantCulture, $"{code} est votre code de vérification pour {portalAddress}. Il expire dans {minutes} minutes. Ne le donnez à personne : {agency} ne vous le demandera jamais. Réf. {reference}"));
        }

        return english
            ? ("Your verification code", string.Create(CultureInfo.InvariantCulture, $"""
                Hello,

                Someone (probably you) asked on {portalAddress} whether data held by {agency} about the owner of this address was exposed in a data breach.

                Your verification code is: {code}

                It expires in {minutes} minutes. Type it on the page where you asked for it.

                If you did not ask for it, ignore this message: nobody can use the code without access to this mailbox.
                {agency} will never ask you for this code, a password or bank details, by phone, email or text message.

                {agency}
                Reference of this message: {reference} (you can check it on {portalAddress})
                """))
            : ("Votre code de vérification", string.Create(CultureInfo.InvariantCulture, $"""
                Bonjour,

                Quelqu'un (sans doute vous) a demandé sur {portalAddress} si des données détenues par {agency} sur le titulaire de cette adresse ont été exposées lors d'une fuite de données.

                Votre code de vérification est : {code}

                Il expire dans {minutes} minutes. Saisissez-le sur la page où vous l'avez demandé.

                Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : personne ne peut utiliser ce code sans accès à cette messagerie.
                {agency} ne vous demandera jamais ce code, un mot de passe ou des coordonnées bancaires, ni par téléphone, ni par courriel, ni par SMS.

                {agency}
                Référence de ce message : {reference} (vous pouvez la vérifier sur {portalAddress})
                """));
    }
}
