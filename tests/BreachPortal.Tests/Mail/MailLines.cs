namespace BreachPortal.Tests.Mail;

/// <summary>
/// How long a line of a message MimeKit writes may be. RFC 5322 asks for 78 characters at most (998 at the very
/// most). MimeKit 4.18 goes beyond two stricter limits, which every parser we met (Python's email package among them)
/// reads anyway: a quoted-printable line may reach 78 characters where RFC 2045 says 76, when an encoded byte falls
/// at the end of the line; and an RFC 2047 encoded-word it folds onto a line of its own may exceed RFC 2047's 75
/// characters (80 and more with four-byte characters).
/// </summary>
internal static class MailLines
{
    public static int Limit(string line) => line.StartsWith(" =?", StringComparison.Ordinal) ? 998 : 78;
}
