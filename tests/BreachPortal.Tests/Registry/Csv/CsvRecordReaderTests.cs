using System.Text;
using BreachPortal.Web.Registry.Import.Csv;

namespace BreachPortal.Tests.Registry.Csv;

public sealed class CsvRecordReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("a;b,c\n", ';')]
    [InlineData("a,b;c,d\n", ',')]
    [InlineData("a\tb\tc\n", '\t')]
    [InlineData("\"x;y;z\",b,c\n", ',')]
    [InlineData("nir\n", ',')]
    public void Delimiter_IsTheOneThatAppearsMostOutsideQuotes(string firstLine, char expected) =>
        Assert.Equal(expected, CsvRecordReader.DetectDelimiter(firstLine));

    [Fact]
    public async Task QuotedFields_KeepDelimitersQuotesAndLineBreaks_AndLinesAreCountedPhysically()
    {
        var records = await ReadAllAsync("h1;h2\r\n\"a;1\";\"say \"\"hi\"\"\"\r\n\"multi\r\nline\nfield\";x\r\n\r\nlast;y\r\n");

        Assert.Equal(
            [(1L, "h1|h2"), (2L, "a;1|say \"hi\""), (3L, "multi\r\nline\nfield|x"), (7L, "last|y")],
            records.Select(r => (r.Line, string.Join('|', r.Fields))));
        Assert.All(records, r => Assert.Equal(CsvRecordEnd.LineBreak, r.End));
    }

    [Fact]
    public async Task LastLineWithoutLineBreak_IsMarkedAsEndingTheFile()
    {
        var records = await ReadAllAsync("h1,h2\nx,y");

        Assert.Equal(CsvRecordEnd.EndOfFile, records[^1].End);
        Assert.Equal(["x", "y"], records[^1].Fields);
    }

    [Fact]
    public async Task UnclosedQuoteAtTheEnd_IsReportedAsUnterminated()
    {
        var records = await ReadAllAsync("h1,h2\n1,\"open\nstill open");

        Assert.Equal(CsvRecordEnd.UnterminatedQuote, records[^1].End);
        Assert.Equal(2, records[^1].Line);
    }

    [Fact]
    public async Task AbsurdlyLongRecord_IsSkippedToTheNextLine_WithoutHoldingTheRest()
    {
        var content = "h\n\"" + new string('x', CsvRecordReader.MaxRecordChars + 10) + "\nnext\n";

        var records = await ReadAllAsync(content);

        Assert.Equal(CsvRecordEnd.TooLong, records[1].End);
        Assert.Equal(2, records[1].Line);
        Assert.Equal((3L, "next"), (records[2].Line, records[2].Fields[0]));
    }

    [Fact]
    public async Task ReadingOneCharacterAtATime_GivesTheSameRecordsAsReadingAtOnce()
    {
        var content = "h1;h2;h3\r\n\"a\r\nb\";\"c\"\"d\";e\r\n;;\r\n\"x\";y;\"\"\r\nz;\"q\"\"\";w";

        var whole = await ReadAllAsync(content);
        var trickled = await ReadAllAsync(new TrickleReader(content));

        Assert.Equal(
            whole.Select(r => (r.Line, string.Join('|', r.Fields), r.End)),
            trickled.Select(r => (r.Line, string.Join('|', r.Fields), r.End)));
        Assert.Equal(5, whole.Count);
    }

    [Fact]
    public void Windows1252Sample_IsDetected_ButAUtf8FileWithOneBadLineStaysUtf8()
    {
        var latin = CsvEncoding.Windows1252.GetBytes("nom;ville\nLefèvre;Besançon\n");
        var mixed = Encoding.UTF8.GetBytes("nom;ville\nLefèvre;Besançon\n").Concat(latin[10..]).ToArray();

        Assert.Equal(1252, CsvEncoding.Detect(latin).Encoding.CodePage);
        Assert.Equal(Encoding.UTF8.CodePage, CsvEncoding.Detect(mixed).Encoding.CodePage);
        Assert.Equal((Encoding.UTF8.CodePage, 3), (CsvEncoding.Detect([0xEF, 0xBB, 0xBF, (byte)'a']).Encoding.CodePage, CsvEncoding.Detect([0xEF, 0xBB, 0xBF, (byte)'a']).PreambleBytes));
        Assert.Equal(Encoding.Unicode.CodePage, CsvEncoding.Detect([0xFF, 0xFE, (byte)'a', 0]).Encoding.CodePage);
    }

    [Fact]
    public async Task OpenAsync_SkipsTheByteOrderMark_AndDecodesUtf16()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("nir;nom\n1;Zoé\n")).ToArray();

        var (reader, _) = await CsvEncoding.OpenAsync(new MemoryStream(bytes), Ct);

        Assert.Equal("nir;nom\n1;Zoé\n", await reader.ReadToEndAsync(Ct));
    }

    [Theory]
    [InlineData("Prénom", RegistryColumn.FirstName)]
    [InlineData(" TELEPHONE ", RegistryColumn.Phone)]
    [InlineData("code postal", RegistryColumn.PostalCode)]
    [InlineData("Date-of-birth", RegistryColumn.DateOfBirth)]
    [InlineData("identifiant_ft", RegistryColumn.FranceTravailId)]
    [InlineData("france_travail_id", RegistryColumn.FranceTravailId)]
    [InlineData("social_security_number", RegistryColumn.Nir)]
    public void HeaderNames_MatchInFrenchOrEnglish_IgnoringCaseAccentsAndSeparators(string cell, RegistryColumn expected) =>
        Assert.Equal(expected, RegistryColumns.Find(cell));

    [Fact]
    public void DataLineUsedAsHeader_IsNeverEchoedInTheReport()
    {
        var (header, failure, _) = RegistryHeader.Read(new CsvRecord(1, ["nir", "nom", "prenom", "jean.dupont@example.fr", "0612345678"], CsvRecordEnd.LineBreak));

        Assert.Null(failure);
        Assert.All(header!.Unknown, u => Assert.Null(u.Name));
    }

    private static async Task<List<CsvRecord>> ReadAllAsync(string content) => await ReadAllAsync(new StringReader(content));

    private static async Task<List<CsvRecord>> ReadAllAsync(TextReader text)
    {
        var reader = await CsvRecordReader.OpenAsync(text, Ct);
        var records = new List<CsvRecord>();
        while (await reader.ReadAsync(Ct) is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Hands out one character per read, so every buffer boundary falls somewhere awkward.</summary>
    private sealed class TrickleReader(string content) : TextReader
    {
        private int _position;

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= content.Length || buffer.IsEmpty)
            {
                return ValueTask.FromResult(0);
            }

            buffer.Span[0] = content[_position++];
            return ValueTask.FromResult(1);
        }
    }
}
