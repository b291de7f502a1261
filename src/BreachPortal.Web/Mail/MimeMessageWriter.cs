using System.Buffers;
using System.Globalization;
using System.Text;

namespace BreachPortal.Web.Mail;

/// <summary>
/// Writes an <see cref="EmailMessage"/> as an RFC 5322 / MIME message: CRLF line endings, 7-bit (UTF-8 text in
/// quoted-printable, non-ASCII header text in RFC 2047 encoded-words), header lines folded at 78 characters where
/// possible. Not dot-stuffed: the SMTP transport does that. Safe to share between threads.
/// </summary>
public sealed class MimeMessageWriter
{
    private const int HeaderLineLimit = 78;
    private const int EncodedWordLimit = 75;
    private const int QuotedPrintableLineLimit = 76;
    private const int MaxMessageIdLength = 250;

    // Quoted-printable output never contains "=_" ('=' is always followed by hex digits or a line break),
    // so a boundary starting with it cannot occur inside a part: no per-message random boundary needed.
    private static ReadOnlySpan<byte> Boundary => "=_bp-alternative-0"u8;

    private static readonly SearchValues<char> AddressSpecials = SearchValues.Create("<>()[]\\,;:\"@");
    private static readonly SearchValues<byte> QEncodingLiterals =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/"u8);

    private readonly byte[] _fixedHeaders;
    private readonly string _messageIdDomain;
    private readonly TimeProvider _time;
    private volatile EncodedSubject? _lastSubject;

    public MimeMessageWriter(EmailOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        var from = ParseMailbox(options.From, "Email:From");
        EnvelopeFrom = from.Address;
        _messageIdDomain = from.Address[(from.Address.LastIndexOf('@') + 1)..];

        var headers = new ArrayBufferWriter<byte>(256);
        WriteMailboxHeader(headers, "From: "u8, from);
        if (!string.IsNullOrWhiteSpace(options.ReplyTo))
        {
            WriteMailboxHeader(headers, "Reply-To: "u8, ParseMailbox(options.ReplyTo, "Email:ReplyTo"));
        }

        _fixedHeaders = headers.WrittenSpan.ToArray();
    }

    /// <summary>The bare address of Email:From, for MAIL FROM.</summary>
    public string EnvelopeFrom { get; }

    /// <summary>True when <paramref name="value"/> is an address, or a display name and an address in angle brackets.</summary>
    public static bool IsValidMailbox(string? value)
    {
        try
        {
            ParseMailbox(value, "mailbox");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks that <paramref name="address"/> is a plain <c>local@domain</c> that cannot break a header or an SMTP
    /// command, and returns it in ASCII (an internationalised domain in punycode). The exception never repeats the
    /// address, which is personal data.
    /// </summary>
    public static string NormalizeAddress(string? address, string paramName)
    {
        if (string.IsNullOrEmpty(address))
        {
            throw new ArgumentException("The email address is empty.", paramName);
        }

        var at = address.LastIndexOf('@');
        if (address.Length > 254 || at <= 0 || at == address.Length - 1)
        {
            throw new ArgumentException("The email address is not of the form local@domain (at most 254 characters).", paramName);
        }

        var local = address.AsSpan(0, at);
        var domain = address.AsSpan(at + 1);
        if (local.IndexOfAny(AddressSpecials) >= 0 || domain.IndexOfAny(AddressSpecials) >= 0)
        {
            throw new ArgumentException("The email address contains an angle bracket, quote, comma, colon, parenthesis or a second @.", paramName);
        }

        if (local.IndexOfAnyExceptInRange('\u0021', '\u007e') >= 0)
        {
            throw new ArgumentException(
                "The email address contains whitespace, a line break or a control character, or non-ASCII characters before the @ (which would need SMTPUTF8).",
                paramName);
        }

        if (domain.IndexOfAnyExceptInRange('\u0021', '\u007e') < 0)
        {
            return address;
        }

        if (domain.IndexOfAnyInRange('\u0000', '\u0020') >= 0 || domain.IndexOfAnyInRange('\u007f', '\u009f') >= 0)
        {
            throw new ArgumentException("The email address contains whitespace, a line break or a control character.", paramName);
        }

        try
        {
            return string.Concat(local, "@", new IdnMapping().GetAscii(domain.ToString()));
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("The domain of the email address is not a valid internationalised domain name.", paramName);
        }
    }

    /// <summary>Writes the whole message. Throws <see cref="ArgumentException"/> for an unusable To or MessageId.</summary>
    public void Write(EmailMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var recipient = NormalizeAddress(message.To, nameof(message));
        var messageId = message.MessageId;
        if (messageId is not null)
        {
            ValidateMessageId(messageId);
        }

        WriteDate(output, _time.GetUtcNow());
        output.Write(_fixedHeaders);
        output.Write("To: "u8);
        WriteAscii(output, recipient);
        output.Write("\r\n"u8);
        output.Write(EncodeSubject(message.Subject));
        output.Write("Message-ID: <"u8);
        if (messageId is null)
        {
            WriteGeneratedId(output);
        }
        else
        {
            WriteAscii(output, messageId);
        }

        output.Write(">\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"u8);
        if (message.HtmlBody is null)
        {
            output.Write("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"u8);
            if (!WriteQuotedPrintable(output, message.TextBody))
            {
                output.Write("\r\n"u8);
            }

            return;
        }

        output.Write("Content-Type: multipart/alternative; boundary=\""u8);
        output.Write(Boundary);
        output.Write("\"\r\n\r\n"u8);
        WritePart(output, "text/plain"u8, message.TextBody);
        output.Write("\r\n"u8);
        WritePart(output, "text/html"u8, message.HtmlBody);
        output.Write("\r\n--"u8);
        output.Write(Boundary);
        output.Write("--\r\n"u8);
    }

    private static void WritePart(IBufferWriter<byte> output, ReadOnlySpan<byte> contentType, string text)
    {
        output.Write("--"u8);
        output.Write(Boundary);
        output.Write("\r\nContent-Type: "u8);
        output.Write(contentType);
        output.Write("; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"u8);
        WriteQuotedPrintable(output, text);
    }

    private static void ValidateMessageId(string messageId)
    {
        var span = messageId.AsSpan();
        var at = span.IndexOf('@');
        if (span.Length > MaxMessageIdLength || at <= 0 || at == span.Length - 1
            || span.IndexOfAnyExceptInRange('\u0021', '\u007e') >= 0 || span.IndexOfAny('<', '>') >= 0)
        {
            throw new ArgumentException(
                "The Message-ID must be local@domain in printable ASCII, without angle brackets, whitespace or line breaks.", nameof(messageId));
        }
    }

    private void WriteGeneratedId(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(32);
        Guid.NewGuid().TryFormat(span, out var written, "N");
        output.Advance(written);
        output.Write("@"u8);
        WriteAscii(output, _messageIdDomain);
    }

    private static void WriteDate(IBufferWriter<byte> output, DateTimeOffset now)
    {
        var span = output.GetSpan(64);
        now.UtcDateTime.TryFormat(span, out var written, "'Date: 'ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        output.Advance(written);
        output.Write("\r\n"u8);
    }

    private static void WriteAscii(IBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        var written = Encoding.ASCII.GetBytes(ascii, span);
        output.Advance(written);
    }

    // Campaigns send one subject many times over: the encoded header of the last subject is kept.
    private byte[] EncodeSubject(string subject)
    {
        var last = _lastSubject;
        if (last is not null && string.Equals(last.Subject, subject, StringComparison.Ordinal))
        {
            return last.Header;
        }

        var header = new ArrayBufferWriter<byte>(128);
        header.Write("Subject: "u8);
        var value = CleanHeaderValue(subject);
        var column = "Subject: ".Length;
        if (CanWriteFolded(value, column))
        {
            WriteFolded(header, value, column);
        }
        else
        {
            WriteEncodedWords(header, value, ref column);
        }

        header.Write("\r\n"u8);
        var bytes = header.WrittenSpan.ToArray();
        _lastSubject = new EncodedSubject(subject, bytes);
        return bytes;
    }

    /// <summary>Line breaks and other control characters become spaces: a header value can never start a new header.</summary>
    private static string CleanHeaderValue(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') < 0 && !value.Contains('\u007f'))
        {
            return value.Trim();
        }

        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
    }

    private static bool CanWriteFolded(string value, int column)
    {
        if (value.AsSpan().IndexOfAnyExceptInRange('\u0020', '\u007e') >= 0 || value.Contains("=?", StringComparison.Ordinal))
        {
            return false;
        }

        var longestWord = 0;
        var wordStart = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == ' ')
            {
                longestWord = Math.Max(longestWord, i - wordStart);
                wordStart = i + 1;
            }
        }

        return longestWord <= HeaderLineLimit - column - 1;
    }

    // Folds by inserting CRLF before a space, which unfolding removes again: the value reads back unchanged.
    private static void WriteFolded(IBufferWriter<byte> output, string value, int column)
    {
        var start = 0;
        while (start < value.Length)
        {
            var next = value.IndexOf(' ', start + 1);
            while (next > 0 && next + 1 < value.Length && value[next + 1] == ' ')
            {
                next++;
            }

            var end = next < 0 ? value.Length : next;
            if (column + (end - start) > HeaderLineLimit && start > 0)
            {
                output.Write("\r\n"u8);
                column = 0;
            }

            WriteAscii(output, value[start..end]);
            column += end - start;
            start = end;
        }
    }

    private static void WriteEncodedWords(IBufferWriter<byte> output, string value, ref int column)
    {
        const int Overhead = 12; // "=?utf-8?Q?" and "?="
        Span<byte> utf8 = stackalloc byte[4];
        Span<byte> encoded = stackalloc byte[12];
        var budget = Math.Min(EncodedWordLimit, HeaderLineLimit - column) - Overhead;
        output.Write("=?utf-8?Q?"u8);
        column += 10;
        var used = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            var encodedLength = 0;
            for (var i = 0; i < length; i++)
            {
                var b = utf8[i];
                if (b == (byte)' ')
                {
                    encoded[encodedLength++] = (byte)'_';
                }
                else if (QEncodingLiterals.Contains(b))
                {
                    encoded[encodedLength++] = b;
                }
                else
                {
                    encoded[encodedLength++] = (byte)'=';
                    encoded[encodedLength++] = HexDigit(b >> 4);
                    encoded[encodedLength++] = HexDigit(b & 0xf);
                }
            }

            // A character's bytes stay in one encoded-word: RFC 2047 forbids splitting them.
            if (used + encodedLength > budget)
            {
                output.Write("?=\r\n =?utf-8?Q?"u8);
                column = 11;
                used = 0;
                budget = EncodedWordLimit - Overhead;
            }

            output.Write(encoded[..encodedLength]);
            used += encodedLength;
            column += encodedLength;
        }

        output.Write("?="u8);
        column += 2;
    }

    private static void WriteMailboxHeader(IBufferWriter<byte> output, ReadOnlySpan<byte> name, Mailbox mailbox)
    {
        output.Write(name);
        var column = name.Length;
        if (mailbox.DisplayName is { } displayName)
        {
            if (displayName.AsSpan().IndexOfAnyExceptInRange('\u0020', '\u007e') < 0 && !displayName.Contains("=?", StringComparison.Ordinal))
            {
                var quoted = "\"" + displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
                WriteAscii(output, quoted);
                column += quoted.Length;
            }
            else
            {
                WriteEncodedWords(output, displayName, ref column);
            }

            if (column + mailbox.Address.Length + 3 > HeaderLineLimit)
            {
                output.Write("\r\n"u8);
                column = 0;
            }

            output.Write(" <"u8);
            WriteAscii(output, mailbox.Address);
            output.Write(">"u8);
        }
        else
        {
            WriteAscii(output, mailbox.Address);
        }

        output.Write("\r\n"u8);
    }

    private static Mailbox ParseMailbox(string? value, string setting)
    {
        var trimmed = (value ?? "").Trim();
        string? displayName = null;
        var address = trimmed;
        var open = trimmed.LastIndexOf('<');
        if (open >= 0 && trimmed.EndsWith('>'))
        {
            address = trimmed[(open + 1)..^1].Trim();
            var name = trimmed[..open].Trim();
            if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
            {
                name = name[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            name = CleanHeaderValue(name);
            displayName = name.Length == 0 ? null : name;
        }

        try
        {
            return new Mailbox(displayName, NormalizeAddress(address, setting));
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"{setting} must be an address, or a display name and an address in angle brackets: {exception.Message}", setting, exception);
        }
    }

    /// <summary>Writes <paramref name="text"/> as quoted-printable UTF-8 with CRLF line breaks; true when it ended with one.</summary>
    private static bool WriteQuotedPrintable(IBufferWriter<byte> output, string text)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var bytes = rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented));
            var endsWithBreak = false;
            while (!bytes.IsEmpty)
            {
                var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
                var line = end < 0 ? bytes : bytes[..end];
                WriteQuotedPrintableLine(output, line);
                if (end < 0)
                {
                    endsWithBreak = false;
                    break;
                }

                output.Write("\r\n"u8);
                endsWithBreak = true;
                var breakLength = bytes[end] == '\r' && end + 1 < bytes.Length && bytes[end + 1] == '\n' ? 2 : 1;
                bytes = bytes[(end + breakLength)..];
            }

            return endsWithBreak;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void WriteQuotedPrintableLine(IBufferWriter<byte> output, ReadOnlySpan<byte> line)
    {
        var span = output.GetSpan((line.Length * 3) + ((line.Length / 24) * 3) + 3);
        var written = 0;
        var column = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            var last = i == line.Length - 1;
            var literal = b is >= 33 and <= 126 and not (byte)'=' || (b is (byte)' ' or (byte)'\t' && !last);
            var length = literal ? 1 : 3;

            // The last character may use the 76th column; any other needs it for the soft break "=".
            if (column + length > (last ? QuotedPrintableLineLimit : QuotedPrintableLineLimit - 1))
            {
                span[written++] = (byte)'=';
                span[written++] = (byte)'\r';
                span[written++] = (byte)'\n';
                column = 0;
            }

            if (literal)
            {
                span[written++] = b;
            }
            else
            {
                span[written++] = (byte)'=';
                span[written++] = HexDigit(b >> 4);
                span[written++] = HexDigit(b & 0xf);
            }

            column += length;
        }

        output.Advance(written);
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'A' + value - 10);

    private sealed record Mailbox(string? DisplayName, string Address);

    private sealed record EncodedSubject(string Subject, byte[] Header);
}
