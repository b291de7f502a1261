using System.Text;

namespace BreachPortal.Web.Exports;

/// <summary>
/// CSV that spreadsheets open safely: RFC 4180 quoting, and any cell a spreadsheet would read as a formula
/// (=, +, -, @, tab, carriage return) is prefixed with an apostrophe, as OWASP advises against CSV injection.
/// </summary>
public sealed class SafeCsv(TextWriter writer)
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    public async Task WriteRowAsync(IEnumerable<string?> cells)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                line.Append(',');
            }

            line.Append(Cell(cell));
            first = false;
        }

        line.Append("\r\n");
        await writer.WriteAsync(line.ToString());
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = FormulaStarts.Contains(value[0]) ? "'" + value : value;
        return text.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
