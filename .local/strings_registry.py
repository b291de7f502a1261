S = {
# Reject reasons: a line, never a value.
"Registry.Reject.Row.TooManyFields": ("La ligne a plus de champs que l'en-tête (un séparateur en trop, ou un champ à mettre entre guillemets).", "The line has more fields than the header (an extra delimiter, or a field that should be in quotes)."),
"Registry.Reject.Row.TooFewFields": ("La ligne a moins de champs que l'en-tête.", "The line has fewer fields than the header."),
"Registry.Reject.Row.Incomplete": ("La ligne est incomplète : le fichier s'arrête au milieu (transfert interrompu ?) ou un guillemet n'est jamais fermé.", "The line is incomplete: the file stops in the middle of it (interrupted transfer?) or a quote is never closed."),
"Registry.Reject.Row.InvalidEncoding": ("La valeur contient des octets qui ne sont pas de l'UTF-8 (probablement du Windows-1252 mélangé à un fichier UTF-8).", "The value contains bytes that are not UTF-8 (probably Windows-1252 mixed into a UTF-8 file)."),
"Registry.Reject.Row.TooLong": ("La ligne dépasse 65 536 caractères : ce n'est pas un enregistrement valide (guillemet non fermé ?).", "The line is longer than 65,536 characters: it is not a valid record (an unclosed quote?)."),
"Registry.Reject.Row.DuplicateInFile": ("Même numéro de sécurité sociale qu'une ligne précédente du fichier : seule la première est importée.", "Same social security number as an earlier line of the file: only the first one is imported."),
"Registry.Reject.Row.AlreadyInIncident": ("Cette personne est déjà enregistrée pour cet incident (import d'un autre fichier).", "This person is already recorded for this incident (imported from another file)."),
"Registry.Reject.Value.Required": ("Cette valeur est obligatoire.", "This value is required."),
"Registry.Reject.Value.TooLong": ("La valeur est trop longue.", "The value is too long."),
"Registry.Reject.Value.ControlCharacters": ("La valeur contient des caractères de contrôle ou un saut de ligne qui n'y a pas sa place.", "The value contains control characters or a line break that does not belong there."),
"Registry.Reject.Header.UnknownColumn": ("Colonne inconnue : elle est ignorée (vérifiez l'export si elle devait être lue).", "Unknown column: it is ignored (check the export if it should have been read)."),
"Registry.Reject.Nir.Empty": ("Le numéro de sécurité sociale est absent.", "The social security number is missing."),
"Registry.Reject.Nir.WrongLength": ("Le numéro de sécurité sociale n'a pas 15 caractères.", "The social security number does not have 15 characters."),
"Registry.Reject.Nir.InvalidCharacters": ("Le numéro de sécurité sociale contient autre chose que des chiffres (et 2A/2B pour la Corse).", "The social security number contains characters other than digits (and 2A/2B for Corsica)."),
"Registry.Reject.Nir.InvalidSex": ("Le numéro de sécurité sociale ne commence pas par 1, 2, 7 ou 8.", "The social security number does not start with 1, 2, 7 or 8."),
"Registry.Reject.Nir.InvalidMonth": ("Le mois de naissance du numéro de sécurité sociale est impossible.", "The month of birth in the social security number is not possible."),
"Registry.Reject.Nir.InvalidDepartment": ("Le département de naissance du numéro de sécurité sociale n'existe pas.", "The department of birth in the social security number does not exist."),
"Registry.Reject.Nir.WrongKey": ("La clé du numéro de sécurité sociale ne correspond pas : un chiffre est probablement faux.", "The social security number's control key does not match; a digit is probably wrong."),
"Registry.Reject.FranceTravailId.Empty": ("L'identifiant France Travail est absent.", "The France Travail identifier is missing."),
"Registry.Reject.FranceTravailId.WrongFormat": ("L'identifiant France Travail n'est pas formé de 7 chiffres suivis d'une lettre ou d'un chiffre.", "The France Travail identifier is not 7 digits followed by a letter or digit."),
"Registry.Reject.EmailAddress.Empty": ("L'adresse électronique est absente.", "The email address is missing."),
"Registry.Reject.EmailAddress.MissingAt": ("L'adresse électronique n'a pas de @.", "The email address has no @."),
"Registry.Reject.EmailAddress.InvalidLocalPart": ("La partie avant le @ est vide ou contient des caractères impossibles dans une adresse.", "The part of the email address before the @ is empty or contains characters an address cannot have."),
"Registry.Reject.EmailAddress.InvalidDomain": ("La partie après le @ n'est pas un nom de domaine valide.", "The part of the email address after the @ is not a valid domain name."),
"Registry.Reject.EmailAddress.TooLong": ("L'adresse électronique est plus longue que ce qu'une adresse peut être.", "The email address is longer than addresses may be."),
"Registry.Reject.PhoneNumber.Empty": ("Le numéro de téléphone est absent.", "The phone number is missing."),
"Registry.Reject.PhoneNumber.InvalidCharacters": ("Le numéro de téléphone contient autre chose que des chiffres, un + initial, des espaces, des points ou des tirets.", "The phone number contains characters other than digits, a leading +, spaces, dots or dashes."),
"Registry.Reject.PhoneNumber.WrongLength": ("Le numéro de téléphone a trop ou trop peu de chiffres.", "The phone number has too many or too few digits."),
"Registry.Reject.PhoneNumber.UnknownPrefix": ("Le numéro de téléphone ne commence ni comme un numéro français ni comme un numéro international.", "The phone number does not start like a French number or an international number."),
"Registry.Reject.DateOfBirth.Empty": ("La date de naissance est absente.", "The date of birth is missing."),
"Registry.Reject.DateOfBirth.UnrecognisedFormat": ("La date de naissance n'est écrite ni AAAA-MM-JJ ni JJ/MM/AAAA.", "The date of birth is not written as YYYY-MM-DD or DD/MM/YYYY."),
"Registry.Reject.DateOfBirth.NotADate": ("La date de naissance n'existe pas dans le calendrier.", "The date of birth does not exist in the calendar."),
"Registry.Reject.DateOfBirth.InTheFuture": ("La date de naissance est dans le futur.", "The date of birth is in the future."),
"Registry.Reject.DateOfBirth.TooOld": ("La date de naissance est antérieure à 1900.", "The date of birth is before 1900."),
"Registry.Reject.PostalCode.Empty": ("Le code postal est absent.", "The postal code is missing."),
"Registry.Reject.PostalCode.WrongFormat": ("Le code postal n'est pas un code français à 5 chiffres.", "The postal code is not a French 5-digit code."),
# Whole-file failures: {0} missing columns, {1} required columns.
"Registry.Failure.UnknownIncident": ("Aucun incident n'a cette référence.", "No incident has this reference."),
"Registry.Failure.EmptyFile": ("Le fichier est vide.", "The file is empty."),
"Registry.Failure.NoHeader": ("La première ligne n'est pas un en-tête : aucune colonne connue (attendues au moins : {1}).", "The first line is not a header: no known column (expected at least: {1})."),
"Registry.Failure.MissingRequiredColumn": ("Colonnes obligatoires absentes de l'en-tête : {0}.", "Required columns missing from the header: {0}."),
"Registry.Failure.DuplicateColumn": ("La colonne {0} apparaît deux fois dans l'en-tête.", "The column {0} appears twice in the header."),
"Registry.Failure.HeaderOnly": ("Le fichier n'a qu'un en-tête, aucune ligne de données.", "The file has a header but no data line."),
"Registry.Failure.SameFileAlreadyImported": ("Ce fichier (même empreinte SHA-256) a déjà été importé ; rien n'a été modifié.", "This file (same SHA-256) has already been imported; nothing was changed."),
"Registry.Failure.Cancelled": ("L'import a été interrompu ; le registre est resté tel qu'avant ce fichier. Relancez l'import du même fichier.", "The import was stopped; the registry is as it was before this file. Start the import of the same file again."),
"Registry.Failure.Interrupted": ("L'import s'est arrêté sans se terminer (arrêt du serveur ?) ; le registre est resté tel qu'avant ce fichier. Relancez l'import du même fichier.", "The import stopped without finishing (server stopped?); the registry is as it was before this file. Start the import of the same file again."),
"Registry.Failure.UnexpectedError": ("Une erreur inattendue a arrêté l'import ; le registre est resté tel qu'avant ce fichier. Les journaux du serveur en disent plus.", "An unexpected error stopped the import; the registry is as it was before this file. The server logs say more."),
}
import re, html
def add(path, idx):
    s = open(path, encoding='utf-8').read()
    have = set(re.findall(r'<data name="([^"]+)"', s))
    out = []
    for k, v in S.items():
        if k in have: continue
        out.append(f'  <data name="{k}" xml:space="preserve">\n    <value>{html.escape(v[idx], quote=False)}</value>\n  </data>\n')
    s = s.replace('</root>', ''.join(out) + '</root>')
    open(path, 'w', encoding='utf-8').write(s)
    print(path, len(out))
add('/work/main/src/BreachPortal.Web/Localization/SharedResource.resx', 0)
add('/work/main/src/BreachPortal.Web/Localization/SharedResource.en.resx', 1)
