using System.Globalization;
using System.Text;

namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>A place of birth: its INSEE code is the NIR's department and commune (99 and a country code for people born abroad).</summary>
internal sealed record BirthPlace(string Name, string InseeCode)
{
    public bool IsCorsica { get; } = InseeCode[1] is 'A' or 'B';

    public string Department { get; } = InseeCode[..2];

    public string Commune { get; } = InseeCode[2..];

    /// <summary>Corsica split into 2A and 2B in 1976; people born there earlier keep 20 in their NIR.</summary>
    public string NirDepartment(int birthYear) => IsCorsica && birthYear < 1976 ? "20" : Department;
}

/// <summary>A town people are born in and live in; <see cref="City"/> is the postal name, without the arrondissement.</summary>
internal sealed record Town(string BirthName, string InseeCode, string PostalCode, string City)
{
    public bool IsOverseas => InseeCode.StartsWith("97", StringComparison.Ordinal);
}

/// <summary>The phone prefixes of an overseas department, national form (trunk 0 included), and its country code.</summary>
internal sealed record OverseasPhone(string Landline, string Mobile, string CountryCode);

/// <summary>A town people live in; <see cref="LandlineArea"/> is the second digit of a metropolitan landline there.</summary>
internal sealed record Residence(Town Town, char LandlineArea, OverseasPhone? Overseas);

/// <summary>A name and the form it takes in an email address (accents, spaces and apostrophes dropped).</summary>
internal sealed record FrenchName(string Text, string EmailForm)
{
    public static FrenchName Of(string text)
    {
        var email = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c) || c == '-')
            {
                email.Append(char.ToLowerInvariant(c));
            }
        }

        return new(text, email.ToString());
    }
}

internal static class FrenchData
{
    public static readonly FrenchName[] FemaleFirstNames = Names(
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Valérie", "Christine", "Sandrine",
        "Stéphanie", "Céline", "Aurélie", "Émilie", "Julie", "Camille", "Léa", "Chloé", "Manon", "Inès", "Sarah",
        "Laura", "Pauline", "Mathilde", "Élodie", "Hélène", "Anaïs", "Clémence", "Océane", "Maëlle", "Zoé", "Léna",
        "Jade", "Louise", "Alice", "Agathe", "Héloïse", "Noémie", "Mélanie", "Virginie", "Karine", "Patricia",
        "Brigitte", "Monique", "Martine", "Nicole", "Josiane", "Fatima", "Aïcha", "Khadija", "Yasmine", "Samia",
        "Nadia", "Amina", "Awa", "Fatoumata", "Aminata", "Mariam", "Chantal", "Géraldine", "Laëtitia", "Sophie",
        "Anne-Sophie", "Marie-Christine", "Ophélie", "Margaux", "Juliette", "Éléonore", "Bérénice", "Solène",
        "Gaëlle", "Maïwenn", "Rose", "Lina", "Lou", "Nour", "Linh", "Thérèse", "Ginette");

    public static readonly FrenchName[] MaleFirstNames = Names(
        "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Stéphane", "Laurent",
        "Frédéric", "Sébastien", "Julien", "David", "Thomas", "Maxime", "Alexandre", "Antoine", "Guillaume",
        "Jérôme", "Olivier", "François", "Éric", "Thierry", "Pascal", "Bruno", "Gérard", "Didier", "Jean-Pierre",
        "Jean-Luc", "Jean-François", "Lucas", "Hugo", "Louis", "Gabriel", "Raphaël", "Léo", "Arthur", "Jules",
        "Nathan", "Théo", "Mathis", "Enzo", "Noé", "Timothée", "Clément", "Benoît", "Loïc", "Gaël", "Yannick",
        "Hervé", "Joël", "Rémi", "Cédric", "Anthony", "Kévin", "Mohamed", "Ahmed", "Karim", "Youssef", "Mehdi",
        "Rachid", "Samir", "Bilal", "Amadou", "Moussa", "Mamadou", "Ibrahima", "Ousmane", "Jonathan", "Florian",
        "Quentin", "Romain", "Baptiste", "Adrien", "Mathéo", "Noël", "Xavier", "Yves", "Minh", "René", "Aurélien");

    public static readonly FrenchName[] LastNames = Names(
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
        "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
        "Marchand", "Duval", "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
        "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez",
        "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger",
        "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Bourgeois", "Benoît", "Rey",
        "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez", "Dupuy", "Guillot", "Hubert",
        "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher",
        "Fleury", "Royer", "Klein", "Jacquet", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Renault",
        "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez",
        "Le Gall", "Le Goff", "Da Silva", "Dos Santos", "Pereira", "Ferreira", "Rodrigues", "N'Diaye", "Diallo",
        "Traoré", "Cissé", "Camara", "Keïta", "Benali", "Haddad", "Mansouri", "Belkacem", "Nguyen", "Tran", "Pham",
        "Lê", "Kowalski", "Nowak", "Lévêque", "Bénard", "Hoarau", "Grondin", "D'Almeida", "Saint-Martin", "Löwe");

    /// <summary>First names with an accent, for a wrong-encoding row whose person has none.</summary>
    public static readonly FrenchName[] AccentedFemaleFirstNames = Names("Hélène", "Céline", "Zoé", "Anaïs");

    public static readonly FrenchName[] AccentedMaleFirstNames = Names("Jérôme", "Frédéric", "Raphaël", "Loïc");

    public static readonly Town[] Towns = [.. Arrondissements("Paris", 75100, 75000, 20), .. Arrondissements("Marseille", 13200, 13000, 16),
        .. Arrondissements("Lyon", 69380, 69000, 9),
        Place("Toulouse", "31555", "31000"), Place("Nice", "06088", "06000"), Place("Nantes", "44109", "44000"),
        Place("Montpellier", "34172", "34000"), Place("Strasbourg", "67482", "67000"), Place("Bordeaux", "33063", "33000"),
        Place("Lille", "59350", "59000"), Place("Rennes", "35238", "35000"), Place("Reims", "51454", "51100"),
        Place("Toulon", "83137", "83000"), Place("Saint-Étienne", "42218", "42000"), Place("Le Havre", "76351", "76600"),
        Place("Grenoble", "38185", "38000"), Place("Dijon", "21231", "21000"), Place("Angers", "49007", "49000"),
        Place("Nîmes", "30189", "30000"), Place("Villeurbanne", "69266", "69100"), Place("Clermont-Ferrand", "63113", "63000"),
        Place("Le Mans", "72181", "72000"), Place("Aix-en-Provence", "13001", "13100"), Place("Brest", "29019", "29200"),
        Place("Tours", "37261", "37000"), Place("Amiens", "80021", "80000"), Place("Limoges", "87085", "87000"),
        Place("Perpignan", "66136", "66000"), Place("Metz", "57463", "57000"), Place("Besançon", "25056", "25000"),
        Place("Orléans", "45234", "45000"), Place("Rouen", "76540", "76000"), Place("Mulhouse", "68224", "68100"),
        Place("Caen", "14118", "14000"), Place("Nancy", "54395", "54000"), Place("Argenteuil", "95018", "95100"),
        Place("Montreuil", "93048", "93100"), Place("Saint-Denis", "93066", "93200"), Place("Roubaix", "59512", "59100"),
        Place("Tourcoing", "59599", "59200"), Place("Avignon", "84007", "84000"), Place("Nanterre", "92050", "92000"),
        Place("Créteil", "94028", "94000"), Place("Poitiers", "86194", "86000"), Place("Versailles", "78646", "78000"),
        Place("Pau", "64445", "64000"), Place("Colombes", "92025", "92700"), Place("Asnières-sur-Seine", "92004", "92600"),
        Place("Aubervilliers", "93001", "93300"), Place("Béziers", "34032", "34500"), Place("La Rochelle", "17300", "17000"),
        Place("Calais", "62193", "62100"), Place("Cannes", "06029", "06400"), Place("Bourges", "18033", "18000"),
        Place("Quimper", "29232", "29000"), Place("Valence", "26362", "26000"), Place("Troyes", "10387", "10000"),
        Place("Chambéry", "73065", "73000"), Place("Niort", "79191", "79000"), Place("Lorient", "56121", "56100"),
        Place("Saint-Nazaire", "44184", "44600"), Place("Vannes", "56260", "56000"), Place("Évry-Courcouronnes", "91228", "91000"),
        Place("Cergy", "95127", "95000"), Place("Colmar", "68066", "68000"), Place("Beauvais", "60057", "60000"),
        Place("Laval", "53130", "53000"), Place("Annecy", "74010", "74000"), Place("Saint-Brieuc", "22278", "22000"),
        Place("Belfort", "90010", "90000"), Place("Blois", "41018", "41000"), Place("Châteauroux", "36044", "36000"),
        Place("Périgueux", "24322", "24000"), Place("Angoulême", "16015", "16000"), Place("Épinal", "88160", "88000"),
        Place("Auxerre", "89024", "89000"), Place("Nevers", "58194", "58000"), Place("Montauban", "82121", "82000"),
        Place("Albi", "81004", "81000"), Place("Agen", "47001", "47000"), Place("Tarbes", "65440", "65000"),
        Place("Carcassonne", "11069", "11000"), Place("Gap", "05061", "05000"), Place("Digne-les-Bains", "04070", "04000"),
        Place("Mende", "48095", "48000"), Place("Le Puy-en-Velay", "43157", "43000"), Place("Aurillac", "15014", "15000"),
        Place("Rodez", "12202", "12000"), Place("Cahors", "46042", "46000"), Place("Foix", "09122", "09000"),
        Place("Guéret", "23096", "23000"), Place("Tulle", "19272", "19000"), Place("Mont-de-Marsan", "40192", "40000"),
        Place("Bayonne", "64102", "64100"), Place("Laon", "02408", "02000"), Place("Charleville-Mézières", "08105", "08000"),
        Place("Chaumont", "52121", "52000"), Place("Bar-le-Duc", "55029", "55000"), Place("Vesoul", "70550", "70000"),
        Place("Lons-le-Saunier", "39300", "39000"), Place("Mâcon", "71270", "71000"), Place("Bourg-en-Bresse", "01053", "01000"),
        Place("Privas", "07186", "07000"), Place("Alençon", "61001", "61000"), Place("Évreux", "27229", "27000"),
        Place("Chartres", "28085", "28000"), Place("Melun", "77288", "77000"), Place("Arras", "62041", "62000"),
        Place("Saint-Lô", "50502", "50000"), Place("Cherbourg-en-Cotentin", "50129", "50100"), Place("Dunkerque", "59183", "59140"),
        Place("Valenciennes", "59606", "59300"), Place("Boulogne-Billancourt", "92012", "92100"), Place("Vitry-sur-Seine", "94081", "94400"),
        Place("Saint-Maur-des-Fossés", "94068", "94100"), Place("Moulins", "03190", "03000"), Place("Auch", "32013", "32000"),
        Place("La Roche-sur-Yon", "85191", "85000"), Place("Ajaccio", "2A004", "20000"), Place("Bastia", "2B033", "20200"),
        Place("Fort-de-France", "97209", "97200"), Place("Pointe-à-Pitre", "97120", "97110"), Place("Cayenne", "97302", "97300"),
        new("Saint-Denis (La Réunion)", "97411", "97400", "Saint-Denis"), new("Saint-Pierre (La Réunion)", "97416", "97410", "Saint-Pierre"),
        Place("Mamoudzou", "97611", "97600"),
    ];

    private static readonly BirthPlace[] Abroad =
    [
        new("Algérie", "99352"), new("Maroc", "99350"), new("Tunisie", "99351"), new("Portugal", "99139"),
        new("Espagne", "99134"), new("Italie", "99127"), new("Belgique", "99131"), new("Allemagne", "99109"),
        new("Sénégal", "99341"), new("Côte d'Ivoire", "99326"), new("Cameroun", "99322"), new("Turquie", "99208"),
        new("Viêt Nam", "99243"), new("Roumanie", "99114"), new("Pologne", "99122"),
    ];

    public static readonly BirthPlace[] BirthPlaces = [.. Towns.Select(t => new BirthPlace(t.BirthName, t.InseeCode)), .. Abroad];

    public static readonly string[] StreetTypes =
    [
        "rue", "rue", "rue", "rue", "avenue", "avenue", "boulevard", "allée", "impasse", "place", "chemin", "route",
        "quai", "cours", "square", "résidence",
    ];

    public static readonly string[] StreetNames =
    [
        "de la République", "Victor Hugo", "Jean Jaurès", "du Général de Gaulle", "de l'Église", "Pasteur", "des Écoles",
        "Émile Zola", "des Frères Lumière", "de la Libération", "du Maréchal Foch", "du Général Leclerc", "du Château",
        "de la Gare", "Gambetta", "Voltaire", "des Acacias", "des Tilleuls", "du Moulin", "de Verdun", "de Paris",
        "Carnot", "Jules Ferry", "Anatole France", "du 8 Mai 1945", "du 11 Novembre", "Louis Pasteur", "Paul Bert",
        "des Peupliers", "de la Fontaine", "Saint-Exupéry", "Aristide Briand", "Jean Moulin", "du Stade", "des Roses",
        "de Bretagne", "de la Paix", "des Marronniers", "Henri Barbusse", "Marcel Pagnol", "Hélène Boucher",
        "George Sand", "Simone Veil", "Pierre et Marie Curie", "de la Côte", "des Prés", "Françoise Dolto",
        "des Lilas", "de l'Hôtel de Ville", "Lamartine", "Molière", "des Vignes", "du Lavoir", "de la Forêt",
        "Édouard Herriot", "Gustave Eiffel", "des Cèdres", "du Pré Saint-Gervais", "Léon Blum", "Joséphine Baker",
    ];

    public static readonly string[] BuildingNames =
    [
        "Les Tilleuls", "Le Clos des Vignes", "Les Jardins de l'Europe", "Le Parc Fleuri", "Les Érables",
        "Le Hameau du Lac", "Les Terrasses du Port", "La Héronnière",
    ];

    public static readonly string[] Months =
    [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ];

    private static readonly Dictionary<string, OverseasPhone> OverseasPhones = new(StringComparer.Ordinal)
    {
        ["971"] = new("0590", "0690", "590"),
        ["972"] = new("0596", "0696", "596"),
        ["973"] = new("0594", "0694", "594"),
        ["974"] = new("0262", "0692", "262"),
        ["976"] = new("0269", "0639", "262"),
    };

    // The five metropolitan landline areas (01 Île-de-France … 05 south-west), by department.
    private static readonly string[] LandlineAreas =
    [
        "75 77 78 91 92 93 94 95",
        "14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85",
        "02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90",
        "01 03 04 05 06 07 11 13 15 26 30 34 38 42 43 48 63 66 69 73 74 83 84 2A 2B",
        "09 12 16 17 19 23 24 31 32 33 40 46 47 64 65 79 81 82 86 87",
    ];

    /// <summary>The towns people live in, each with the phone prefixes people there have.</summary>
    public static readonly Residence[] Residences = [.. Towns.Select(t => new Residence(t, LandlineArea(t), OverseasPhoneOf(t)))];

    private static OverseasPhone? OverseasPhoneOf(Town town) =>
        town.IsOverseas ? OverseasPhones[town.InseeCode[..3]] : null;

    private static char LandlineArea(Town town)
    {
        if (town.IsOverseas)
        {
            return '\0';
        }

        var department = town.InseeCode[..2];
        for (var area = 0; area < LandlineAreas.Length; area++)
        {
            if (LandlineAreas[area].Split(' ').Contains(department, StringComparer.Ordinal))
            {
                return (char)('1' + area);
            }
        }

        throw new InvalidOperationException($"No landline area for department {department}.");
    }

    private static FrenchName[] Names(params string[] names) => [.. names.Select(FrenchName.Of)];

    private static Town Place(string name, string inseeCode, string postalCode) => new(name, inseeCode, postalCode, name);

    private static IEnumerable<Town> Arrondissements(string city, int firstInseeCode, int firstPostalCode, int count) =>
        Enumerable.Range(1, count).Select(n => new Town(
            string.Create(CultureInfo.InvariantCulture, $"{city} {n}{(n == 1 ? "er" : "e")}"),
            (firstInseeCode + n).ToString(CultureInfo.InvariantCulture),
            (firstPostalCode + n).ToString("D5", CultureInfo.InvariantCulture),
            city));
}
