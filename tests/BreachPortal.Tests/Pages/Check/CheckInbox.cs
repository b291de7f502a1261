using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Pages.Check;

/// <summary>Reads one-time codes where a person would: the email on the SMTP server, the text at the SMS gateway.</summary>
internal static partial class CheckInbox
{
    /// <summary>The code in the <paramref name="nth"/> code email to the address, waiting for it to arrive.</summary>
    public static Task<string> EmailCodeAsync(AiosmtpdServer smtp, string address, int nth = 1) =>
        WaitAsync(() => [.. smtp.Messages
            .Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase) && m.Subject is "Votre code de vérification" or "Your verification code")
            .Select(m => m.Text ?? "")], nth, address);

    /// <summary>The code in the <paramref name="nth"/> code SMS to the number (E.164), waiting for it to arrive.</summary>
    public static Task<string> SmsCodeAsync(TestSmsGateway gateway, string number, int nth = 1) =>
        WaitAsync(() => [.. gateway.Messages.Where(m => m.To == number && m.Text.Contains("code", StringComparison.Ordinal)).Select(m => m.Text)], nth, "the number");

    public static string CodeIn(string text) =>
        SixDigits().Match(text) is { Success: true } match ? match.Value : throw new InvalidOperationException("The message holds no 6-digit code.");

    /// <summary>Another well-formed code than <paramref name="code"/>.</summary>
    public static string WrongCode(string code) =>
        ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> WaitAsync(Func<IReadOnlyList<string>> read, int nth, string recipient)
    {
        var texts = await Eventually.WaitAsync(read, t => t.Count >= nth, t => $"Code message {nth} to {recipient} did not arrive ({t.Count} arrived)");
        return CodeIn(texts[nth - 1]);
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
