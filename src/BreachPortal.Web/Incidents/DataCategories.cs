namespace BreachPortal.Web.Incidents;

/// <summary>Categories of personal data an incident can expose, stored as flags.</summary>
[Flags]
#pragma warning disable CA1711 // "Categories" is the domain word, not a misnamed collection.
public enum DataCategories : long
#pragma warning restore CA1711
{
    None = 0,
    LastName = 1L << 0,
    BirthName = 1L << 1,
    FirstName = 1L << 2,
    Sex = 1L << 3,
    DateOfBirth = 1L << 4,
    PlaceOfBirth = 1L << 5,
    SocialSecurityNumber = 1L << 6,
    FranceTravailId = 1L << 7,
    Email = 1L << 8,
    PostalAddress = 1L << 9,
    Phone = 1L << 10,
    JobSeekerStatus = 1L << 11,
    RegistrationDates = 1L << 12,
    Password = 1L << 13,
    BankDetails = 1L << 14,
}

public static class DataCategoriesExtensions
{
    private static readonly DataCategories[] AllSingle = Enum.GetValues<DataCategories>()
        .Where(c => c != DataCategories.None)
        .ToArray();

    /// <summary>The single categories contained in a set, in declaration order.</summary>
    public static IReadOnlyList<DataCategories> Split(this DataCategories set) =>
        AllSingle.Where(c => set.HasFlag(c)).ToArray();
}
