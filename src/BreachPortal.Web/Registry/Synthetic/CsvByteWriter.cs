using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>
/// Writes CSV straight to bytes in a reused buffer: no TextWriter, because one kind of broken row puts
/// Windows-1252 bytes inside the UTF-8 file, and no per-row allocation, so that tens of millions of rows stay fast.
/// </summary>
internal sealed class CsvByteWriter
{
    private const int BufferSize = 1 << 20;
    private const int FlushThreshold = 1 << 16;

    private static readonly SearchValues<char> SemicolonSpecials = SearchValues.Create(";\"\r\n");
    private static readonly SearchValues<char> CommaSpecials = SearchValues.Create(",\"\r\n");

    private readonly byte _delimiter;
    private readonly byte[] _lineEnding;
    private readonly SearchValues<char> _specials;
    private byte[] _buffer = new byte[BufferSize];
    private int _length;
    private bool _rowStarted;

    public CsvByteWriter(char delimiter, string lineEnding)
    {
        _delimiter = (byte)delimiter;
        _lineEnding = Encoding.ASCII.GetBytes(lineEnding);
        _specials = delimiter == ',' ? CommaSpecials : SemicolonSpecials;
    }

    public long BytesWritten { get; private set; }

    public bool ShouldFlush => _buffer.Length - _length < FlushThreshold;

    public void Field(string? value)
    {
        StartField();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(_specials) < 0)
        {
            Reserve(value.Length * 3);
            Encode(value);
            return;
        }

        Reserve((value.Length * 6) + 2);
        _buffer[_length++] = (byte)'"';
        var rest = value.AsSpan();
        int quote;
        while ((quote = rest.IndexOf('"')) >= 0)
        {
            Encode(rest[..(quote + 1)]);
            _buffer[_length++] = (byte)'"';
            rest = rest[(quote + 1)..];
        }

        Encode(rest);
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>A field encoded as Windows-1252, as a spreadsheet saved in the wrong encoding would; only for text without quoting.</summary>
    public void Windows1252Field(string value)
    {
        StartField();
        Reserve(value.Length);
        foreach (var c in value)
        {
            _buffer[_length++] = c switch
            {
                <= '\u00FF' => (byte)c,
                'Œ' => 0x8C,
                'œ' => 0x9C,
                '’' => 0x92,
                _ => (byte)'?',
            };
        }
    }

    public void EndRow()
    {
        Reserve(_lineEnding.Length);
        _lineEnding.CopyTo(_buffer, _length);
        _length += _lineEnding.Length;
        _rowStarted = false;
    }

    public async ValueTask FlushAsync(Stream destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await destination.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        BytesWritten += _length;
        _length = 0;
    }

    private void Encode(ReadOnlySpan<char> text)
    {
        // Strict, as UTF8Encoding with throwOnInvalidBytes would be: a lone surrogate is a bug, not data to replace.
        var status = Utf8.FromUtf16(text, _buffer.AsSpan(_length), out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw new InvalidOperationException($"A field could not be encoded as UTF-8 ({status}).");
        }

        _length += written;
    }

    private void StartField()
    {
        if (_rowStarted)
        {
            Reserve(1);
            _buffer[_length++] = _delimiter;
        }

        _rowStarted = true;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
