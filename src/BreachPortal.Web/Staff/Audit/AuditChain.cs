using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BreachPortal.Web.Staff.Audit;

/// <summary>The canonical form of an audit event and the hash that links it to the one before.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the very first event.</summary>
    public static byte[] Genesis { get; } = new byte[32];

    /// <summary>PostgreSQL keeps microseconds: the hash must cover exactly what is stored.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static byte[] ComputeHash(byte[] previousHash, AuditEvent e)
    {
        var content = Encoding.UTF8.GetBytes(Canonical(e));
        var input = new byte[previousHash.Length + content.Length];
        previousHash.CopyTo(input, 0);
        content.CopyTo(input, previousHash.Length);
        return SHA256.HashData(input);
    }

    /// <summary>A JSON array in fixed order: unambiguous whatever the fields contain.</summary>
    public static string Canonical(AuditEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(e.Id);
            json.WriteStringValue(e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteNumberValue((int)e.Type);
            WriteNullable(json, e.ActorId?.ToString("D"));
            json.WriteStringValue(e.Actor);
            WriteNullable(json, e.SubjectType);
            WriteNullable(json, e.SubjectId);
            WriteNullable(json, e.Detail);
            WriteNullable(json, e.ClientAddress);
            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
