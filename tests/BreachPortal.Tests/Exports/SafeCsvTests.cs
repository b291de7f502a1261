using BreachPortal.Web.Exports;

namespace BreachPortal.Tests.Exports;

public sealed class SafeCsvTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33612345678", "'+33612345678")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void Cell_StartingLikeAFormula_GetsALeadingApostrophe(string value, string expected)
    {
        Assert.Equal(expected, SafeCsv.Cell(value));
    }

    [Fact]
    public void Cell_StartingWithCarriageReturn_GetsAnApostropheAndIsQuoted()
    {
        Assert.Equal("\"'\rcmd\"", SafeCsv.Cell("\rcmd"));
    }

    [Fact]
    public void Cell_FormulaWithQuotesAndComma_IsNeutralisedThenQuoted()
    {
        Assert.Equal("\"'=HYPERLINK(\"\"http://x.test\"\",\"\"clic\"\")\"", SafeCsv.Cell("=HYPERLINK(\"http://x.test\",\"clic\")"));
    }

    [Theory]
    [InlineData("Dupont, Jean", "\"Dupont, Jean\"")]
    [InlineData("il a dit \"non\"", "\"il a dit \"\"non\"\"\"")]
    [InlineData("ligne 1\nligne 2", "\"ligne 1\nligne 2\"")]
    [InlineData("ligne 1\r\nligne 2", "\"ligne 1\r\nligne 2\"")]
    public void Cell_WithCommaQuoteOrNewline_IsQuotedPerRfc4180(string value, string expected)
    {
        Assert.Equal(expected, SafeCsv.Cell(value));
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a-b=c", "a-b=c")]
    [InlineData("jean@example.fr", "jean@example.fr")]
    [InlineData("42", "42")]
    public void Cell_Ordinary_IsUnchanged(string value, string expected)
    {
        Assert.Equal(expected, SafeCsv.Cell(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Cell_NullOrEmpty_IsEmpty(string? value)
    {
        Assert.Equal("", SafeCsv.Cell(value));
    }

    [Fact]
    public async Task WriteRowAsync_SeveralCells_JoinsWithCommasAndEndsWithCrLf()
    {
        var writer = new StringWriter();
        var csv = new SafeCsv(writer);

        await csv.WriteRowAsync(["id", null, "Dupont, Jean", "=cmd|' /C calc'!A0"]);
        await csv.WriteRowAsync(["2", "", "x", "y"]);

        Assert.Equal("id,,\"Dupont, Jean\",'=cmd|' /C calc'!A0\r\n2,,x,y\r\n", writer.ToString());
    }
}
