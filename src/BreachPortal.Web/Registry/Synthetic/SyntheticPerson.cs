namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>One row of a synthetic extract, every value as written to the file (a broken row's values included).</summary>
public sealed record SyntheticPerson
{
    /// <summary>The row's position among the people of the file, from 0, header excluded.</summary>
    public required long Index { get; init; }

    public required string Nir { get; init; }

    public required string FranceTravailId { get; init; }

    public required string LastName { get; init; }

    public required string FirstName { get; init; }

    public required string DateOfBirth { get; init; }

    public required string PlaceOfBirth { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public required string Address { get; init; }

    public required string PostalCode { get; init; }

    public required string City { get; init; }

    /// <summary>Null for a good row.</summary>
    public BrokenRowKind? Broken { get; init; }

    /// <summary>The value of the twelfth field of an <see cref="BrokenRowKind.ExtraField"/> row (possibly empty).</summary>
    public string? ExtraField { get; init; }

    /// <summary>The field of a <see cref="BrokenRowKind.WrongEncoding"/> row written in Windows-1252: the last name when it has an accent, else the first name.</summary>
    internal bool LastNameIsWrongEncoding => Broken == BrokenRowKind.WrongEncoding && !System.Text.Ascii.IsValid(LastName);
}
