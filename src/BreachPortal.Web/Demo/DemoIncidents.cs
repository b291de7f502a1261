using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Demo;

/// <summary>
/// The two incidents the portal is first built for, as published (see DOMAIN.md and the press
/// releases of March 2024 and August 2023). The DPO contact is the agency's head office by post:
/// a deployment replaces it with its own.
/// </summary>
internal static class DemoIncidents
{
    public const string FranceTravail2024 = "FT-2024-03";
    public const string PoleEmploi2023 = "PE-2023-08";

    private static readonly LocalizedText AgencyDpo = new(
        "Délégué à la protection des données\nFrance Travail\n1 avenue du Docteur Gley\n75987 Paris Cedex 20",
        "Data Protection Officer\nFrance Travail\n1 avenue du Docteur Gley\n75987 Paris Cedex 20\nFrance");

    /// <summary>Fresh, untracked instances on every call.</summary>
    public static IReadOnlyList<Incident> Create() => [FranceTravail(), PoleEmploi()];

    private static Incident FranceTravail() => new()
    {
        Reference = FranceTravail2024,
        Title = new(
            "Cyberattaque contre France Travail et Cap emploi (février–mars 2024)",
            "Cyberattack on France Travail and Cap emploi (February–March 2024)"),
        Summary = new(
            "Entre le 6 février et le 5 mars 2024, des attaquants se sont fait passer pour des conseillers Cap emploi et ont utilisé " +
            "leurs comptes pour extraire des données du système d'information de France Travail. Sont concernées les personnes " +
            "inscrites comme demandeurs d'emploi au cours des 20 dernières années et les personnes ayant un espace candidat sur " +
            "francetravail.fr.",
            "Between 6 February and 5 March 2024, attackers posed as Cap emploi advisers and used their accounts to extract data " +
            "from France Travail's information system. The people concerned are those registered as job seekers over the last " +
            "20 years and people with a candidate account on francetravail.fr."),
        Started = IncidentDate.Day(2024, 2, 6),
        Ended = IncidentDate.Day(2024, 3, 5),
        Detected = IncidentDate.Day(2024, 2, 29),
        AuthorityNotified = IncidentDate.Day(2024, 3, 8),
        Disclosed = IncidentDate.Day(2024, 3, 13),
        TimelineNote = new(
            "Le 22 janvier 2026, la CNIL a sanctionné France Travail d'une amende de 5 millions d'euros (décision SAN-2026-003) : " +
            "absence d'authentification multifacteur pour les conseillers, journalisation insuffisante, droits d'accès beaucoup trop larges.",
            "On 22 January 2026 the CNIL fined France Travail €5 million (decision SAN-2026-003): no multi-factor sign-in for " +
            "advisers, insufficient logging, access rights far too broad."),
        Vector = new(
            "Ingénierie sociale : usurpation de l'identité de conseillers Cap emploi, puis utilisation de leurs comptes pour interroger " +
            "les dossiers des demandeurs d'emploi.",
            "Social engineering: the attackers impersonated Cap emploi advisers, then used their accounts to query job seekers' records."),
        ExposedData = DataCategories.LastName | DataCategories.BirthName | DataCategories.FirstName | DataCategories.Sex
            | DataCategories.DateOfBirth | DataCategories.PlaceOfBirth | DataCategories.SocialSecurityNumber
            | DataCategories.FranceTravailId | DataCategories.Email | DataCategories.PostalAddress | DataCategories.Phone
            | DataCategories.JobSeekerStatus | DataCategories.RegistrationDates,
        NotExposedData = DataCategories.Password | DataCategories.BankDetails,
        EstimatedPeople = 36_820_828,
        PeopleNote = new(
            "Annoncé d'abord « jusqu'à 43 millions » de personnes ; après vérification et dédoublonnage, la CNIL a dénombré 36 820 828 personnes.",
            "First announced as \"up to 43 million\" people; after checks and de-duplication, the CNIL counted 36,820,828 people."),
        LikelyConsequences = new(
            "Hameçonnage (phishing) très crédible par courriel, SMS ou téléphone : les données volées relient nom, date de naissance, numéro de sécurité sociale, téléphone et adresse électronique.\n" +
            "Usurpation d'identité.\n" +
            "Escroqueries et fraudes, y compris par de faux conseillers.",
            "Very convincing phishing by email, text message or phone: the stolen data links name, date of birth, social security number, phone and email address.\n" +
            "Identity theft.\n" +
            "Scams and fraud, including by fake advisers."),
        Measures = new(
            "Notification de la violation à la CNIL le 8 mars 2024.\n" +
            "Plainte déposée auprès des autorités judiciaires ; enquête préliminaire ouverte par le parquet de Paris et confiée à la Brigade de lutte contre la cybercriminalité.\n" +
            "Plainte simplifiée en ligne pour les personnes concernées, accessible depuis cybermalveillance.gouv.fr.\n" +
            "Assistance téléphonique au 39 49.\n" +
            "Information individuelle de chaque personne concernée.",
            "The breach was notified to the CNIL on 8 March 2024.\n" +
            "A complaint was filed with the judicial authorities; the Paris prosecutor opened a preliminary investigation, led by the cybercrime brigade.\n" +
            "A simplified online complaint for the people concerned, reachable from cybermalveillance.gouv.fr.\n" +
            "Telephone assistance on 39 49.\n" +
            "Individual information of every person concerned."),
        DpoContact = AgencyDpo,
        Status = IncidentStatus.Contained,
    };

    private static Incident PoleEmploi() => new()
    {
        Reference = PoleEmploi2023,
        Title = new(
            "Vol de données chez un prestataire de Pôle emploi (2023)",
            "Data theft at a Pôle emploi service provider (2023)"),
        Summary = new(
            "En 2023, le système d'information de Majorel, prestataire chargé de numériser et de traiter les documents envoyés par " +
            "les demandeurs d'emploi, a été compromis. Sont concernées les personnes inscrites en février 2022 et celles dont " +
            "l'inscription avait cessé dans les 12 mois précédents.",
            "In 2023 the information system of Majorel, the provider that digitises and processes the documents job seekers send, " +
            "was compromised. The people concerned are those registered in February 2022 and those whose registration had ended " +
            "in the 12 months before."),
        Started = IncidentDate.Year(2023),
        Ended = IncidentDate.Unknown,
        Detected = IncidentDate.Month(2023, 8),
        AuthorityNotified = IncidentDate.Month(2023, 8),
        Disclosed = IncidentDate.Day(2023, 8, 23),
        TimelineNote = new(
            "Pôle emploi indique avoir notifié la CNIL le jour même de la découverte, à la fin de la semaine précédant l'annonce publique ; " +
            "la date exacte n'a pas été publiée.",
            "Pôle emploi states that it notified the CNIL on the day the breach was discovered, at the end of the week before the " +
            "public announcement; the exact date was not published."),
        Vector = new(
            "Compromission d'un sous-traitant (Majorel). L'outil de transfert de fichiers MOVEit a été désigné comme vecteur par certaines sources et démenti par d'autres.",
            "Compromise of a subcontractor (Majorel). The MOVEit file-transfer tool was reported as the vector by some sources and denied by others."),
        ExposedData = DataCategories.LastName | DataCategories.FirstName | DataCategories.SocialSecurityNumber
            | DataCategories.JobSeekerStatus,
        NotExposedData = DataCategories.Email | DataCategories.Phone | DataCategories.Password | DataCategories.BankDetails,
        EstimatedPeople = 10_000_000,
        PeopleNote = new(
            "Environ 10 millions : 6 millions de personnes inscrites en février 2022 et 4 millions de personnes sorties dans les 12 mois précédents.",
            "About 10 million: 6 million people registered in February 2022 and 4 million who left in the 12 months before."),
        LikelyConsequences = new(
            "Hameçonnage et démarchages frauduleux utilisant le nom et le numéro de sécurité sociale.\n" +
            "Usurpation d'identité.",
            "Phishing and fraudulent approaches using the name and social security number.\n" +
            "Identity theft."),
        Measures = new(
            "Notification de la violation à la CNIL.\n" +
            "Enquête ouverte par le parquet de Paris, confiée à la Brigade de lutte contre la cybercriminalité.\n" +
            "Plainte déposée par Pôle emploi.\n" +
            "Information par courriel des demandeurs d'emploi concernés.",
            "The breach was notified to the CNIL.\n" +
            "The Paris prosecutor opened an investigation, led by the cybercrime brigade.\n" +
            "Pôle emploi filed a complaint.\n" +
            "The job seekers concerned were informed by email."),
        DpoContact = AgencyDpo,
        Status = IncidentStatus.Contained,
    };
}
