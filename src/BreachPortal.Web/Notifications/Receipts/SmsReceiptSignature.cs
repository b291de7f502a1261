using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace BreachPortal.Web.Notifications.Receipts;

/// <summary>
/// <c>X-Receipt-Signature: sha256=&lt;hex HMAC-SHA256(secret, "&lt;X-Receipt-Timestamp&gt;.&lt;raw body&gt;")&gt;</c>, with a
/// timestamp in Unix seconds no more than <see cref="Window"/> away from now.
/// </summary>
public static class SmsReceiptSignature
{
    public const string TimestampHeader = "X-Receipt-Timestamp";
    public const string SignatureHeader = "X-Receipt-Signature";
    public const string Scheme = "sha256=";
    public const int MacLength = 32;

    /// <summary>Each way: a receipt older than this is refused, and so is one dated further in the future.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const int MaxTimestampDigits = 12;

    /// <summary>The header value a sender computes.</summary>
    public static string Sign(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + 1 + body.Length];
        var length = Encoding.ASCII.GetBytes(timestamp, signed);
        signed[length++] = (byte)'.';
        body.CopyTo(signed.AsSpan(length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
    }

    /// <summary>Reads both headers; the MAC they carry goes to <paramref name="mac"/> (<see cref="MacLength"/> bytes).</summary>
    /// <returns>Null when both are present, well-formed and the timestamp is fresh; otherwise what is wrong.</returns>
    internal static ReceiptRefusal? CheckHeaders(IHeaderDictionary headers, DateTimeOffset now, Span<byte> mac, out string timestamp)
    {
        timestamp = "";
        var timestampValues = headers[TimestampHeader];
        var signatureValues = headers[SignatureHeader];
        if (StringValues.IsNullOrEmpty(timestampValues))
        {
            return ReceiptRefusal.MissingTimestamp;
        }

        if (StringValues.IsNullOrEmpty(signatureValues))
        {
            return ReceiptRefusal.MissingSignature;
        }

        if (timestampValues.Count != 1 || !TryParseTimestamp(timestampValues[0]!, out var seconds))
        {
            return ReceiptRefusal.MalformedTimestamp;
        }

        if (signatureValues.Count != 1 || !TryParseSignature(signatureValues[0]!, mac))
        {
            return ReceiptRefusal.MalformedSignature;
        }

        var age = now.ToUnixTimeSeconds() - seconds;
        if (age > (long)Window.TotalSeconds)
        {
            return ReceiptRefusal.StaleTimestamp;
        }

        if (-age > (long)Window.TotalSeconds)
        {
            return ReceiptRefusal.FutureTimestamp;
        }

        timestamp = timestampValues[0]!;
        return null;
    }

    /// <param name="secret">The shared key.</param>
    /// <param name="signed">The timestamp's ASCII digits, a dot, and the raw body.</param>
    /// <param name="mac">The MAC the sender claims.</param>
    internal static bool Verify(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> signed, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(secret, signed, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    private static bool TryParseTimestamp(string value, out long seconds)
    {
        seconds = 0;
        return value.Length is > 0 and <= MaxTimestampDigits
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
    }

    private static bool TryParseSignature(string value, Span<byte> mac) =>
        value.Length == Scheme.Length + (2 * MacLength)
        && value.StartsWith(Scheme, StringComparison.Ordinal)
        && Convert.FromHexString(value.AsSpan(Scheme.Length), mac, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == MacLength;
}

internal enum ReceiptRefusal
{
    MissingTimestamp,
    MissingSignature,
    MalformedTimestamp,
    MalformedSignature,
    StaleTimestamp,
    FutureTimestamp,
    BadSignature,
}
