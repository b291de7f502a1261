namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>The one way a broken row of a synthetic extract is wrong; broken rows cycle through these in order.</summary>
public enum BrokenRowKind
{
    /// <summary>The NIR's control key does not match its first 13 characters.</summary>
    BadNirKey,

    /// <summary>The email address cannot be an address (no @, double dot, space, no domain…).</summary>
    BadEmail,

    /// <summary>The phone number is not a French or international number.</summary>
    UnparseablePhone,

    /// <summary>The NIR, the last name or the first name is empty.</summary>
    MissingRequiredField,

    /// <summary>The NIR of an earlier good row of the same file, with possibly different contact details: a duplicate, not a reject.</summary>
    DuplicateInFile,

    /// <summary>The date of birth does not exist, is not written as a date, is in the future or is before 1900.</summary>
    BadDateOfBirth,

    /// <summary>The postal code is not 5 digits.</summary>
    BadPostalCode,

    /// <summary>The France Travail identifier is not 7 digits and a letter or digit.</summary>
    BadFranceTravailId,

    /// <summary>The row has one field more than the header.</summary>
    ExtraField,

    /// <summary>A name is written in Windows-1252 bytes inside the UTF-8 file.</summary>
    WrongEncoding,
}
