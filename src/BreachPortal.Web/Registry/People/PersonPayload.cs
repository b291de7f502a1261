using System.Buffers.Binary;
using System.Text;
using BreachPortal.Web.Registry.Protection;

namespace BreachPortal.Web.Registry.People;

/// <summary>
/// Seals <see cref="PersonDetails"/> into <c>people.payload</c>. The NIR's blind index is authenticated with it, so
/// a payload moved to another row fails to open instead of showing someone else's details.
/// </summary>
public sealed class PersonPayload(FieldProtector protector)
{
    private const byte FormatVersion = 1;
    private static readonly byte[] Column = "people.payload:"u8.ToArray();

    public string CurrentKeyId => protector.CurrentKeyId;

    public byte[] Seal(PersonDetails details, ReadOnlySpan<byte> nirIndex) =>
        protector.Protect(Serialize(details), AssociatedData(nirIndex));

    /// <exception cref="System.Security.Cryptography.CryptographicException">The payload was altered, moved, or its key is missing.</exception>
    public PersonDetails Open(byte[] payload, ReadOnlySpan<byte> nirIndex) =>
        Deserialize(protector.Unprotect(payload, AssociatedData(nirIndex)));

    internal static byte[] Serialize(PersonDetails details)
    {
        string?[] values =
        [
            details.Nir, details.FranceTravailId, details.LastName, details.FirstName, details.DateOfBirth, details.PlaceOfBirth,
            details.Email, details.Phone, details.Address, details.PostalCode, details.City,
        ];
        var length = 1 + values.Sum(v => 2 + (v is null ? 0 : Encoding.UTF8.GetByteCount(v)));
        var output = new byte[length];
        output[0] = FormatVersion;
        var position = 1;
        foreach (var value in values)
        {
            // Length + 1, so 0 means "not on file" and an empty string stays distinct.
            if (value is null)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(position), 0);
                position += 2;
                continue;
            }

            var written = Encoding.UTF8.GetBytes(value, output.AsSpan(position + 2));
            BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(position), checked((ushort)(written + 1)));
            position += 2 + written;
        }

        return output;
    }

    internal static PersonDetails Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || data[0] != FormatVersion)
        {
            throw new FormatException("The person payload has an unknown format.");
        }

        var values = new string?[11];
        var position = 1;
        for (var i = 0; i < values.Length; i++)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(data[position..]);
            position += 2;
            if (length > 0)
            {
                values[i] = Encoding.UTF8.GetString(data.Slice(position, length - 1));
                position += length - 1;
            }
        }

        return new PersonDetails
        {
            Nir = values[0]!,
            FranceTravailId = values[1],
            LastName = values[2]!,
            FirstName = values[3]!,
            DateOfBirth = values[4],
            PlaceOfBirth = values[5],
            Email = values[6],
            Phone = values[7],
            Address = values[8],
            PostalCode = values[9],
            City = values[10],
        };
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> nirIndex) => [.. Column, .. nirIndex];
}
