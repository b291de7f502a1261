using System.Security.Cryptography;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>
/// The code printed in every message (<c>K7M3-Q9PX-4TRW</c>): 60 random bits in Crockford's base 32, which people
/// can read aloud and type without confusing O with 0 or I with 1. The database draws the same format at launch
/// (<c>portal_reference_code()</c>).
/// </summary>
public static class ReferenceCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var bits = BitConverter.ToUInt64(random) & ((1UL << 60) - 1);
        Span<char> code = stackalloc char[Message.ReferenceCodeLength];
        var position = 0;
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                code[position++] = '-';
            }

            code[position++] = Alphabet[(int)((bits >> (5 * (11 - i))) & 31)];
        }

        return new string(code);
    }

    /// <summary>
    /// The code as stored, from what someone typed: case, spaces and dashes do not matter, and the letters people
    /// mistake for digits (O, I, L) are read as those digits. Null when it cannot be a reference code.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        Span<char> symbols = stackalloc char[12];
        var count = 0;
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }

            var symbol = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (count == 12 || !Alphabet.Contains(symbol, StringComparison.Ordinal))
            {
                return null;
            }

            symbols[count++] = symbol;
        }

        return count == 12 ? $"{symbols[..4]}-{symbols[4..8]}-{symbols[8..]}" : null;
    }
}
