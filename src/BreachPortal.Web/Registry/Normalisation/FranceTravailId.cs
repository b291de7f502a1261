namespace BreachPortal.Web.Registry.Normalisation;

public enum FranceTravailIdReason
{
    Empty,
    WrongFormat,
}

/// <summary>France Travail identifier: 7 digits then one upper-case letter or digit.</summary>
public static class FranceTravailId
{
    public static Normalized<FranceTravailIdReason> Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new(null, FranceTravailIdReason.Empty);
        }

        var candidate = input.Trim().ToUpperInvariant();
        var wellFormed = candidate.Length == 8
            && candidate.Take(7).All(char.IsAsciiDigit)
            && (char.IsAsciiDigit(candidate[7]) || char.IsAsciiLetterUpper(candidate[7]));
        return wellFormed ? new(candidate, null) : new(null, FranceTravailIdReason.WrongFormat);
    }

    public static string DescribeInEnglish(FranceTravailIdReason reason) => reason switch
    {
        FranceTravailIdReason.Empty => "The France Travail identifier is missing.",
        FranceTravailIdReason.WrongFormat => "The France Travail identifier is not 7 digits followed by a letter or digit.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
