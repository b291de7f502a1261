using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Registry.People;

/// <summary>What the registry knows of a person, normalised; stored only inside the encrypted payload.</summary>
public sealed record PersonDetails
{
    public required string Nir { get; init; }

    public string? FranceTravailId { get; init; }

    public required string LastName { get; init; }

    public required string FirstName { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? DateOfBirth { get; init; }

    public string? PlaceOfBirth { get; init; }

    public string? Email { get; init; }

    /// <summary>E.164.</summary>
    public string? Phone { get; init; }

    public string? Address { get; init; }

    public string? PostalCode { get; init; }

    public string? City { get; init; }

    /// <summary>The categories these details hold, to intersect with what an incident exposed.</summary>
    public DataCategories HeldData
    {
        get
        {
            var held = DataCategories.SocialSecurityNumber | DataCategories.LastName | DataCategories.FirstName;
            held |= FranceTravailId is null ? 0 : DataCategories.FranceTravailId;
            held |= DateOfBirth is null ? 0 : DataCategories.DateOfBirth;
            held |= PlaceOfBirth is null ? 0 : DataCategories.PlaceOfBirth;
            held |= Email is null ? 0 : DataCategories.Email;
            held |= Phone is null ? 0 : DataCategories.Phone;
            held |= Address is null && PostalCode is null && City is null ? 0 : DataCategories.PostalAddress;
            return held;
        }
    }
}
