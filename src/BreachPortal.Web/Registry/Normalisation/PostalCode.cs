namespace BreachPortal.Web.Registry.Normalisation;

public enum PostalCodeReason
{
    Empty,
    WrongFormat,
}

/// <summary>French postal code: 5 digits (Corsica 20xxx, overseas 97xxx/98xxx); none starts with 00.</summary>
public static class PostalCode
{
    public static Normalized<PostalCodeReason> Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new(null, PostalCodeReason.Empty);
        }

        var compact = new string([.. input.Where(c => c is not (' ' or '\u00A0'))]);
        var wellFormed = compact.Length == 5 && compact.All(char.IsAsciiDigit) && !compact.StartsWith("00", StringComparison.Ordinal);
        return wellFormed ? new(compact, null) : new(null, PostalCodeReason.WrongFormat);
    }

    public static string DescribeInEnglish(PostalCodeReason reason) => reason switch
    {
        PostalCodeReason.Empty => "The postal code is missing.",
        PostalCodeReason.WrongFormat => "The postal code is not a French 5-digit code.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
