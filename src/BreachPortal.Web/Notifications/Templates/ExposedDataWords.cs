using System.Collections.Concurrent;
using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>
/// The categories exposed for one person as words in a sentence ("votre nom, votre prénom et votre numéro de
/// sécurité sociale"). Built once per language and set of categories: the dispatcher asks for the same few sets
/// millions of times.
/// </summary>
internal static class ExposedDataWords
{
    private static readonly DataCategories Known = Enum.GetValues<DataCategories>().Aggregate(DataCategories.None, (all, c) => all | c);

    private static readonly ConcurrentDictionary<DataCategories, EncodedValue> French = new();
    private static readonly ConcurrentDictionary<DataCategories, EncodedValue> English = new();

    public static EncodedValue For(string language, DataCategories categories)
    {
        var english = language == TemplateLanguages.English;
        return (english ? English : French).GetOrAdd(categories & Known, static (set, en) => Build(set, en), english);
    }

    public static string Phrase(DataCategories category, bool english) => (english, category) switch
    {
        (false, DataCategories.LastName) => "votre nom",
        (false, DataCategories.BirthName) => "votre nom de naissance",
        (false, DataCategories.FirstName) => "votre prénom",
        (false, DataCategories.Sex) => "votre sexe",
        (false, DataCategories.DateOfBirth) => "votre date de naissance",
        (false, DataCategories.PlaceOfBirth) => "votre lieu de naissance",
        (false, DataCategories.SocialSecurityNumber) => "votre numéro de sécurité sociale",
        (false, DataCategories.FranceTravailId) => "votre identifiant France Travail",
        (false, DataCategories.Email) => "votre adresse électronique",
        (false, DataCategories.PostalAddress) => "votre adresse postale",
        (false, DataCategories.Phone) => "votre numéro de téléphone",
        (false, DataCategories.JobSeekerStatus) => "votre statut de demandeur d'emploi",
        (false, DataCategories.RegistrationDates) => "vos dates d'inscription",
        (false, DataCategories.Password) => "votre mot de passe",
        (false, DataCategories.BankDetails) => "vos coordonnées bancaires",
        (true, DataCategories.LastName) => "your last name",
        (true, DataCategories.BirthName) => "your birth name",
        (true, DataCategories.FirstName) => "your first name",
        (true, DataCategories.Sex) => "your sex",
        (true, DataCategories.DateOfBirth) => "your date of birth",
        (true, DataCategories.PlaceOfBirth) => "your place of birth",
        (true, DataCategories.SocialSecurityNumber) => "your social security number",
        (true, DataCategories.FranceTravailId) => "your France Travail identifier",
        (true, DataCategories.Email) => "your email address",
        (true, DataCategories.PostalAddress) => "your postal address",
        (true, DataCategories.Phone) => "your phone number",
        (true, DataCategories.JobSeekerStatus) => "your job-seeker status",
        (true, DataCategories.RegistrationDates) => "your registration dates",
        (true, DataCategories.Password) => "your password",
        (true, DataCategories.BankDetails) => "your bank details",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not a single data category."),
    };

    // A person in the ledger always has at least one category; the words stay a correct sentence if not.
    private static EncodedValue Build(DataCategories set, bool english)
    {
        var phrases = set.Split().Select(c => Phrase(c, english)).ToList();
        var text = phrases.Count switch
        {
            0 => english ? "personal data about you" : "des données personnelles vous concernant",
            1 => phrases[0],
            _ => string.Join(", ", phrases[..^1]) + (english ? " and " : " et ") + phrases[^1],
        };
        return new(text, text, MessageText.HtmlEncode(text));
    }
}
