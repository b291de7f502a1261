using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BreachPortal.Web.Data;
using BreachPortal.Web.Registry.Protection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Checks.Codes;

/// <summary>
/// Six-digit codes: drawn from the system's cryptographic generator, kept only as an HMAC bound to the contact
/// (a million codes are nothing to try offline without the key), and redeemed by guarded updates, so two requests
/// racing with one code cannot both succeed.
/// </summary>
public sealed class OneTimeCodes(NpgsqlDataSource database, ProtectionKeys keys, IOptions<CheckOptions> options, TimeProvider time)
{
    public const int Digits = 6;

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.IndexKey, 32, info: Encoding.ASCII.GetBytes("BreachPortal one-time codes"));

    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Six ASCII digits, spaces ignored; null when the input cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var digits = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public byte[] Hash(byte[] contactIndex, string code)
    {
        ArgumentNullException.ThrowIfNull(contactIndex);
        ArgumentNullException.ThrowIfNull(code);
        byte[] input = [.. contactIndex, .. Encoding.ASCII.GetBytes(code)];
        return HMACSHA256.HashData(_key, input);
    }

    private const string IssueSql = """
        INSERT INTO verification_codes (contact_index, code_hash, person_ids, created_at, expires_at, attempts, consumed_at)
        VALUES ($1, $2, $3, $4, $5, 0, NULL)
        ON CONFLICT (contact_index) DO UPDATE SET code_hash = excluded.code_hash, person_ids = excluded.person_ids,
            created_at = excluded.created_at, expires_at = excluded.expires_at, attempts = 0, consumed_at = NULL
        """;

    private const string AttemptSql = """
        UPDATE verification_codes SET attempts = attempts + 1
        WHERE contact_index = $1 AND consumed_at IS NULL AND expires_at > $2 AND attempts < $3
        RETURNING id, code_hash, person_ids
        """;

    /// <summary>The statement that replaces the contact's code (and so voids the previous one), for a batch.</summary>
    public NpgsqlBatchCommand IssueCommand(byte[] contactIndex, string code, long[] personIds)
    {
        var now = time.GetUtcNow();
        return PortalSql.BatchCommand(
            IssueSql,
            PortalSql.Typed(contactIndex),
            PortalSql.Typed(Hash(contactIndex, code)),
            PortalSql.Typed(personIds),
            PortalSql.Typed(now),
            PortalSql.Typed(now + options.Value.CodeLifetime));
    }

    /// <summary>
    /// Counts an attempt at the contact's live code and, when it is right, uses it up. Wrong, expired, used,
    /// replaced, past its attempts or never sent: all the same null, so the answer says nothing about the contact.
    /// </summary>
    /// <returns>The people the code proves control of, or null.</returns>
    public async Task<long[]?> RedeemAsync(byte[] contactIndex, string? typedCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIndex);
        var code = Normalize(typedCode);
        // Hashed whether or not a code exists, so the time taken does not tell.
        var typedHash = Hash(contactIndex, code ?? "");
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        long id;
        byte[] storedHash;
        long[] personIds;
        await using (var attempt = PortalSql.Command(
            connection,
            AttemptSql,
            PortalSql.Typed(contactIndex),
            PortalSql.Typed(now),
            PortalSql.Typed((short)options.Value.MaxAttempts)))
        {
            await using var reader = await attempt.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            id = reader.GetInt64(0);
            storedHash = reader.GetFieldValue<byte[]>(1);
            personIds = reader.GetFieldValue<long[]>(2);
        }

        if (code is null || !CryptographicOperations.FixedTimeEquals(typedHash, storedHash))
        {
            return null;
        }

        var consumed = await connection.ExecuteAsync(
            "UPDATE verification_codes SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL", cancellationToken, PortalSql.Typed(id), PortalSql.Typed(now));
        return consumed == 1 ? personIds : null;
    }
}
