namespace BreachPortal.Web.Registry.Import.Csv;

public enum CsvRecordEnd
{
    LineBreak,

    /// <summary>The file ended after this record without a line break: it may have been cut off.</summary>
    EndOfFile,

    /// <summary>The file ended inside a quoted field.</summary>
    UnterminatedQuote,

    /// <summary>The record exceeded <see cref="CsvRecordReader.MaxRecordChars"/>; the reader skipped to the next line.</summary>
    TooLong,
}

/// <param name="Line">The physical line the record starts on, 1 for the header.</param>
/// <param name="Fields">The values, unquoted.</param>
/// <param name="End">How the record ended.</param>
public sealed record CsvRecord(long Line, string[] Fields, CsvRecordEnd End);

/// <summary>
/// RFC 4180 records (quoted fields may hold delimiters, quotes as <c>""</c> and line breaks) read asynchronously, so
/// an upload's body is never read synchronously nor held whole. Lenient where a spreadsheet would be: a stray quote
/// inside an unquoted field is kept; <c>\r\n</c>, <c>\n</c> and <c>\r</c> all end a line; blank lines are skipped.
/// </summary>
public sealed class CsvRecordReader
{
    public const int MaxRecordChars = 64 * 1024;
    private const int BufferChars = 64 * 1024;

    private readonly List<string> _fields = new(16);
    private readonly System.Text.StringBuilder _quoted = new();
    private char[] _buffer = new char[BufferChars];
    private int _start;
    private int _end;
    private bool _endOfInput;
    private long _line = 1;
    private readonly TextReader _reader;
    private char _delimiter;

    public CsvRecordReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        _delimiter = delimiter;
    }

    public char Delimiter => _delimiter;

    /// <summary>A reader whose delimiter is chosen from the first line (see <see cref="DetectDelimiter"/>).</summary>
    public static async Task<CsvRecordReader> OpenAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var records = new CsvRecordReader(reader, ',');
        int lineEnd;
        do
        {
            await records.FillAsync(cancellationToken);
            lineEnd = records._buffer.AsSpan(0, records._end).IndexOfAny('\n', '\r');
        }
        while (lineEnd < 0 && !records._endOfInput && records._end < MaxRecordChars);

        var firstLine = records._buffer.AsSpan(0, records._end);
        records._delimiter = DetectDelimiter(new string(lineEnd < 0 ? firstLine : firstLine[..lineEnd]));
        return records;
    }

    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = TryParse();
            if (record is not null)
            {
                if (record.Fields.Length == 1 && record.Fields[0].Length == 0 && record.End != CsvRecordEnd.UnterminatedQuote)
                {
                    continue;
                }

                return record;
            }

            if (_endOfInput)
            {
                return null;
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Reads the first line to choose among <c>;</c>, <c>,</c> and tab, whichever appears most outside quotes.</summary>
    public static char DetectDelimiter(string firstLine)
    {
        int semicolons = 0, commas = 0, tabs = 0;
        var inQuotes = false;
        foreach (var c in firstLine)
        {
            switch (c)
            {
                case '"':
                    inQuotes = !inQuotes;
                    break;
                case ';' when !inQuotes:
                    semicolons++;
                    break;
                case ',' when !inQuotes:
                    commas++;
                    break;
                case '\t' when !inQuotes:
                    tabs++;
                    break;
            }
        }

        return semicolons >= commas && semicolons >= tabs && semicolons > 0 ? ';' : tabs > commas ? '\t' : ',';
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _reader.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            _endOfInput = true;
        }

        _end += read;
    }

    // Parses one record from the buffer, or returns null (consuming nothing) when more input is needed.
    private CsvRecord? TryParse()
    {
        _fields.Clear();
        var position = _start;
        var lines = 0L;
        while (true)
        {
            if (position - _start > MaxRecordChars)
            {
                return SkipTooLong();
            }

            if (position >= _end)
            {
                if (!_endOfInput)
                {
                    return null;
                }

                if (position == _start && _fields.Count == 0)
                {
                    return null;
                }
            }

            if (position < _end && _buffer[position] == '"')
            {
                var closed = ReadQuoted(ref position, ref lines);
                if (closed is null)
                {
                    return null;
                }

                if (position - _start > MaxRecordChars)
                {
                    return SkipTooLong();
                }

                if (closed == false)
                {
                    _fields.Add(_quoted.ToString());
                    return Complete(position, lines, CsvRecordEnd.UnterminatedQuote);
                }
            }
            else
            {
                if (ScanUnquoted(ref position) is not { } text)
                {
                    return null;
                }

                _fields.Add(text);
            }

            if (position >= _end)
            {
                return Complete(position, lines, CsvRecordEnd.EndOfFile);
            }

            var separator = _buffer[position];
            if (separator == _delimiter)
            {
                position++;
                continue;
            }

            // A line break ends the record; \r\n needs its second character before it can be consumed.
            if (separator == '\r')
            {
                if (position + 1 >= _end && !_endOfInput)
                {
                    return null;
                }

                position += position + 1 < _end && _buffer[position + 1] == '\n' ? 2 : 1;
            }
            else if (separator == '\n')
            {
                position++;
            }
            else
            {
                // A quoted field followed by something other than a delimiter or a line break: keep the rest as part of it.
                if (ScanUnquoted(ref position) is not { } rest)
                {
                    return null;
                }

                _fields[^1] += rest;
                continue;
            }

            return Complete(position, lines + 1, CsvRecordEnd.LineBreak);
        }
    }

    // Up to the next delimiter or line break; null when the buffer ends before one and more input may come.
    private string? ScanUnquoted(ref int position)
    {
        var fieldStart = position;
        var length = _buffer.AsSpan(position, _end - position).IndexOfAny(_delimiter, '\n', '\r');
        position = length < 0 ? _end : position + length;

        return position >= _end && !_endOfInput ? null : new string(_buffer, fieldStart, position - fieldStart);
    }

    // true: closed; false: the input ended inside the quotes; null: more input needed.
    private bool? ReadQuoted(ref int position, ref long lines)
    {
        _quoted.Clear();
        var cursor = position + 1;
        var newLines = 0L;
        while (true)
        {
            if (cursor - _start > MaxRecordChars)
            {
                position = cursor;
                return true;
            }

            if (cursor >= _end)
            {
                if (!_endOfInput)
                {
                    return null;
                }

                position = cursor;
                lines += newLines;
                return false;
            }

            var c = _buffer[cursor];
            if (c == '\r' && cursor + 1 >= _end && !_endOfInput)
            {
                return null;
            }

            if (c == '"')
            {
                if (cursor + 1 >= _end && !_endOfInput)
                {
                    return null;
                }

                if (cursor + 1 < _end && _buffer[cursor + 1] == '"')
                {
                    _quoted.Append('"');
                    cursor += 2;
                    continue;
                }

                _fields.Add(_quoted.ToString());
                position = cursor + 1;
                lines += newLines;
                return true;
            }

            if (c == '\n' || (c == '\r' && (cursor + 1 >= _end || _buffer[cursor + 1] != '\n')))
            {
                newLines++;
            }

            _quoted.Append(c);
            cursor++;
        }
    }

    private CsvRecord Complete(int position, long lines, CsvRecordEnd ending)
    {
        var record = new CsvRecord(_line, [.. _fields], ending);
        _start = position;
        _line += lines;
        return record;
    }

    // The record cannot be a real row; resume after the line break that follows its first line.
    private CsvRecord? SkipTooLong()
    {
        var position = _start;
        while (position < _end && _buffer[position] is not ('\n' or '\r'))
        {
            position++;
        }

        if (position >= _end && !_endOfInput)
        {
            return null;
        }

        position += position + 1 < _end && _buffer[position] == '\r' && _buffer[position + 1] == '\n' ? 2 : position < _end ? 1 : 0;
        return Complete(position, 1, CsvRecordEnd.TooLong) with { Fields = [] };
    }
}
