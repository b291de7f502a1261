using System.Buffers;
using System.Text;

namespace BreachPortal.Web.Registry.Import.Csv;

/// <summary>
/// Chooses how to decode an extract from its first bytes: a byte order mark decides; otherwise UTF-8 unless the
/// sample holds invalid UTF-8 and no valid multi-byte sequence, which is how Windows-1252 accents look.
/// A UTF-8 file with a few Windows-1252 lines stays UTF-8, and those lines are rejected, not silently garbled.
/// </summary>
public static class CsvEncoding
{
    public const int SampleBytes = 64 * 1024;

    /// <summary>Decoding replaces invalid bytes with U+FFFD, which the row validator rejects.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static readonly Lazy<Encoding> Windows1252Encoding = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    public static Encoding Windows1252 => Windows1252Encoding.Value;

    public static async Task<(TextReader Reader, Encoding Encoding)> OpenAsync(Stream source, CancellationToken cancellationToken)
    {
        var sample = new byte[SampleBytes];
        var length = 0;
        while (length < sample.Length)
        {
            var read = await source.ReadAsync(sample.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var (encoding, preamble) = Detect(sample.AsSpan(0, length));
        var prefixed = new PrefixedStream(sample.AsMemory(preamble, length - preamble), source);
        return (new StreamReader(prefixed, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024), encoding);
    }

    public static (Encoding Encoding, int PreambleBytes) Detect(ReadOnlySpan<byte> sample)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8, 3);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        var (valid, invalid) = CountMultiByteSequences(sample);
        // Windows-1252 text almost never forms a valid multi-byte sequence by chance: one is enough to say UTF-8.
        return (valid == 0 && invalid > 0 ? Windows1252 : Utf8, 0);
    }

    private static (int Valid, int Invalid) CountMultiByteSequences(ReadOnlySpan<byte> sample)
    {
        int valid = 0, invalid = 0;
        while (!sample.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(sample, out _, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                break;
            }

            if (status == OperationStatus.InvalidData)
            {
                invalid++;
            }
            else if (consumed > 1)
            {
                valid++;
            }

            sample = sample[consumed..];
        }

        return (valid, invalid);
    }

    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _remaining = prefix;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_remaining.IsEmpty)
            {
                return rest.Read(buffer);
            }

            var length = Math.Min(buffer.Length, _remaining.Length);
            _remaining.Span[..length].CopyTo(buffer);
            _remaining = _remaining[length..];
            return length;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_remaining.IsEmpty)
            {
                return rest.ReadAsync(buffer, cancellationToken);
            }

            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
