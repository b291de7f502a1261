using System.Text;

namespace BreachPortal.Tests.Registry.Synthetic;

/// <summary>
/// A minimal RFC 4180 reader over bytes, independent of the writer under test. It splits before decoding, which is
/// safe because quotes, delimiters and line breaks are ASCII and never part of a UTF-8 or Windows-1252 character.
/// </summary>
public static class CsvBytes
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static List<List<byte[]>> Read(byte[] file, byte delimiter = (byte)';')
    {
        ArgumentNullException.ThrowIfNull(file);
        var records = new List<List<byte[]>>();
        var record = new List<byte[]>();
        var field = new List<byte>();
        var quoted = false;
        var i = 0;
        while (i < file.Length)
        {
            var b = file[i];
            if (quoted)
            {
                if (b == '"' && i + 1 < file.Length && file[i + 1] == '"')
                {
                    field.Add((byte)'"');
                    i += 2;
                    continue;
                }

                if (b == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Add(b);
                }

                i++;
                continue;
            }

            if (b == '"' && field.Count == 0)
            {
                quoted = true;
            }
            else if (b == delimiter)
            {
                record.Add([.. field]);
                field.Clear();
            }
            else if (b == '\n' || (b == '\r' && i + 1 < file.Length && file[i + 1] == '\n'))
            {
                record.Add([.. field]);
                field.Clear();
                records.Add(record);
                record = [];
                i += b == '\r' ? 1 : 0;
            }
            else if (b == '"')
            {
                throw new FormatException($"A quote inside an unquoted field at byte {i}.");
            }
            else
            {
                field.Add(b);
            }

            i++;
        }

        if (quoted)
        {
            throw new FormatException("The file ends inside a quoted field.");
        }

        if (field.Count > 0 || record.Count > 0)
        {
            record.Add([.. field]);
            records.Add(record);
        }

        return records;
    }

    public static bool TryDecodeUtf8(byte[] field, out string text)
    {
        ArgumentNullException.ThrowIfNull(field);
        try
        {
            text = StrictUtf8.GetString(field);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}
