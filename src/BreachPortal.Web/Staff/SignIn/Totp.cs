using System.Buffers.Binary;
using System.Security.Cryptography;

namespace BreachPortal.Web.Staff.SignIn;

/// <summary>RFC 6238 time-based codes (HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps compute them.</summary>
public static class Totp
{
    public const int StepSeconds = 30;

    /// <summary>Steps either side of now that are still accepted, for clocks that drift.</summary>
    public const int AllowedDrift = 1;

    public static long TimeStep(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / StepSeconds;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6238 defaults to HMAC-SHA1 and authenticator apps expect it; HMAC-SHA1 is not affected by SHA-1 collisions.")]
    public static string Code(byte[] key, long timeStep)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFF_FFFF) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The time step whose code equals <paramref name="code"/> within the allowed drift, or null.</summary>
    public static long? MatchingStep(byte[] key, string code, DateTimeOffset now)
    {
        var current = TimeStep(now);
        for (var step = current - AllowedDrift; step <= current + AllowedDrift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(key, step)),
                    System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>Spaces and dashes people type or paste are ignored; anything but six digits is refused.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null)
        {
            return null;
        }

        var digits = new string([.. input.Where(c => c is not (' ' or '-'))]);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
