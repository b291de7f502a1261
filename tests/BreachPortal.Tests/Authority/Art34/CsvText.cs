using System.Text;

namespace BreachPortal.Tests.Authority.Art34;

/// <summary>An RFC 4180 reader strict enough to fail on a malformed file: quoted cells, doubled quotes, CRLF rows.</summary>
internal static class CsvText
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                    i++;
                    Assert.True(i == text.Length || text[i] is ',' or '\r', $"Text after a closing quote at {i}.");
                    continue;
                }

                cell.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"':
                    Assert.True(cell.Length == 0, $"A quote inside an unquoted cell at {i}.");
                    quoted = true;
                    break;
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"CR without LF at {i}.");
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                    i++;
                    break;
                default:
                    Assert.NotEqual('\n', c);
                    cell.Append(c);
                    break;
            }

            i++;
        }

        Assert.False(quoted, "Unterminated quoted cell.");
        Assert.True(cell.Length == 0 && row.Count == 0, "The last row does not end with CRLF.");
        return rows;
    }

    /// <summary>The rows after the header, as column name → value, checking the header is exactly <paramref name="columns"/>.</summary>
    public static List<Dictionary<string, string>> Records(string text, params string[] columns)
    {
        var rows = Parse(text);
        Assert.NotEmpty(rows);
        Assert.Equal(columns, rows[0]);
        Assert.All(rows, r => Assert.Equal(columns.Length, r.Length));
        return rows.Skip(1).Select(r => columns.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)).ToList();
    }
}
