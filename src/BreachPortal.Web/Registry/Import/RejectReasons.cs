namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// Reason codes stored in <see cref="ImportReject.Reason"/>: <c>Row.*</c> for a line as a whole, <c>Header.*</c> for
/// the first line, and <c>{Validator}.{Reason}</c> for a value a normaliser refused (e.g. <c>Nir.WrongKey</c>).
/// </summary>
public static class RejectReasons
{
    public const string WholeLine = "*";

    public const string TooManyFields = "Row.TooManyFields";
    public const string TooFewFields = "Row.TooFewFields";
    public const string Incomplete = "Row.Incomplete";
    public const string InvalidEncoding = "Row.InvalidEncoding";
    public const string LineTooLong = "Row.TooLong";
    public const string DuplicateInFile = "Row.DuplicateInFile";
    public const string AlreadyInIncident = "Row.AlreadyInIncident";
    public const string Required = "Value.Required";
    public const string TooLong = "Value.TooLong";
    public const string ControlCharacters = "Value.ControlCharacters";
    public const string UnknownColumn = "Header.UnknownColumn";

    /// <summary>Codes that count as duplicates rather than rejects in the summary line.</summary>
    public static bool IsDuplicate(string reason) => reason is DuplicateInFile or AlreadyInIncident;

    public static string Of<TReason>(TReason reason)
        where TReason : struct, Enum =>
        $"{typeof(TReason).Name[..^"Reason".Length]}.{reason}";
}
