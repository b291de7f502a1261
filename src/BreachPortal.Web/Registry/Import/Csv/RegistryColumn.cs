using System.Globalization;
using System.Text;

namespace BreachPortal.Web.Registry.Import.Csv;

public enum RegistryColumn
{
    Nir,
    FranceTravailId,
    LastName,
    FirstName,
    DateOfBirth,
    PlaceOfBirth,
    Email,
    Phone,
    Address,
    PostalCode,
    City,
}

/// <summary>The header names an extract may use, French first, then their English twins (README "Registry import").</summary>
public static class RegistryColumns
{
    public static readonly IReadOnlyList<RegistryColumn> All = Enum.GetValues<RegistryColumn>();

    public static readonly IReadOnlyList<RegistryColumn> Required = [RegistryColumn.Nir, RegistryColumn.LastName, RegistryColumn.FirstName];

    private static readonly Dictionary<RegistryColumn, string[]> Names = new()
    {
        [RegistryColumn.Nir] = ["nir", "social_security_number"],
        [RegistryColumn.FranceTravailId] = ["identifiant_ft", "france_travail_id"],
        [RegistryColumn.LastName] = ["nom", "last_name"],
        [RegistryColumn.FirstName] = ["prenom", "first_name"],
        [RegistryColumn.DateOfBirth] = ["date_naissance", "date_of_birth"],
        [RegistryColumn.PlaceOfBirth] = ["lieu_naissance", "place_of_birth"],
        [RegistryColumn.Email] = ["email", "email"],
        [RegistryColumn.Phone] = ["telephone", "phone"],
        [RegistryColumn.Address] = ["adresse", "address"],
        [RegistryColumn.PostalCode] = ["code_postal", "postal_code"],
        [RegistryColumn.City] = ["ville", "city"],
    };

    private static readonly Dictionary<string, RegistryColumn> ByName = Names
        .SelectMany(pair => pair.Value.Select(name => (name, pair.Key)))
        .DistinctBy(entry => entry.name)
        .ToDictionary(entry => entry.name, entry => entry.Key, StringComparer.Ordinal);

    /// <summary>The French name, used in reject reports and messages.</summary>
    public static string NameOf(RegistryColumn column) => Names[column][0];

    public static string EnglishNameOf(RegistryColumn column) => Names[column][1];

    /// <summary>Matches a header cell ignoring case, accents, surrounding spaces and space/hyphen/underscore differences.</summary>
    public static RegistryColumn? Find(string headerCell)
    {
        var key = Canonical(headerCell);
        return ByName.TryGetValue(key, out var column) ? column : null;
    }

    private static string Canonical(string cell)
    {
        var decomposed = cell.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is ' ' or '-' ? '_' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
