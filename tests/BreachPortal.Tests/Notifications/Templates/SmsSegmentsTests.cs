using BreachPortal.Web.Notifications.Templates;

namespace BreachPortal.Tests.Notifications.Templates;

public sealed class SmsSegmentsTests
{
    public static TheoryData<string, string, SmsEncoding, int, int> Texts => new()
    {
        { "empty", "", SmsEncoding.Gsm7, 0, 0 },
        { "one letter", "a", SmsEncoding.Gsm7, 1, 1 },
        { "160 letters fill one", new string('a', 160), SmsEncoding.Gsm7, 160, 1 },
        { "161 letters need two", new string('a', 161), SmsEncoding.Gsm7, 161, 2 },
        { "306 letters fill two parts of 153", new string('a', 306), SmsEncoding.Gsm7, 306, 2 },
        { "307 letters need three", new string('a', 307), SmsEncoding.Gsm7, 307, 3 },
        { "80 euro signs are 160 septets", new string('€', 80), SmsEncoding.Gsm7, 160, 1 },
        { "81 euro signs are 162 septets", new string('€', 81), SmsEncoding.Gsm7, 162, 2 },
        { "escape never straddles parts", new string('a', 152) + "€" + new string('a', 152), SmsEncoding.Gsm7, 306, 3 },
        { "French letters GSM-7 has", "éèùàìòÉÇ", SmsEncoding.Gsm7, 8, 1 },
        { "160 é", new string('é', 160), SmsEncoding.Gsm7, 160, 1 },
        { "line feed and carriage return", "a\nb\rc", SmsEncoding.Gsm7, 5, 1 },
        { "Greek capitals and symbols", "ΔΦΓΛΩΠΨΣΘΞ@£$¥¤§¿¡ÄÖÑÜäöñüÆæßØøÅå_", SmsEncoding.Gsm7, 34, 1 },
        { "extension table counts 2", "[]{}^~\\|€\f", SmsEncoding.Gsm7, 20, 1 },
        { "one ç switches to UCS-2", "Bonjour, ça va ?", SmsEncoding.Ucs2, 16, 1 },
        { "70 UCS-2 units fill one", "ç" + new string('a', 69), SmsEncoding.Ucs2, 70, 1 },
        { "71 UCS-2 units need two", "ç" + new string('a', 70), SmsEncoding.Ucs2, 71, 2 },
        { "134 UCS-2 units fill two parts of 67", "ç" + new string('a', 133), SmsEncoding.Ucs2, 134, 2 },
        { "135 UCS-2 units need three", "ç" + new string('a', 134), SmsEncoding.Ucs2, 135, 3 },
        { "emoji is two units", "😀", SmsEncoding.Ucs2, 2, 1 },
        { "surrogate pair never straddles parts", new string('ç', 66) + "😀" + new string('ç', 66), SmsEncoding.Ucs2, 134, 3 },
        { "tab is not GSM-7", "a\tb", SmsEncoding.Ucs2, 3, 1 },
        { "typographic apostrophe is not GSM-7", "l’incident", SmsEncoding.Ucs2, 10, 1 },
        { "non-breaking space is not GSM-7", "Code\u00A0: 1", SmsEncoding.Ucs2, 8, 1 },
        { "guillemets are not GSM-7", "« oui »", SmsEncoding.Ucs2, 7, 1 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Analyse_CountsAsGatewaysBill(string because, string text, SmsEncoding encoding, int units, int segments)
    {
        var analysis = SmsSegments.Analyse(text);

        Assert.True(encoding == analysis.Encoding, $"{because}: encoding {analysis.Encoding}");
        Assert.True(units == analysis.Units, $"{because}: {analysis.Units} units");
        Assert.True(segments == analysis.Segments, $"{because}: {analysis.Segments} segments");
    }

    [Theory]
    [InlineData('é')]
    [InlineData('è')]
    [InlineData('ù')]
    [InlineData('à')]
    [InlineData('ì')]
    [InlineData('ò')]
    [InlineData('É')]
    [InlineData('Ç')]
    public void Analyse_FrenchLetterInGsm7_StaysGsm7(char letter) =>
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Analyse($"Bonjour {letter}").Encoding);

    [Theory]
    [InlineData('ç')]
    [InlineData('â')]
    [InlineData('ê')]
    [InlineData('î')]
    [InlineData('ô')]
    [InlineData('û')]
    [InlineData('ë')]
    [InlineData('œ')]
    [InlineData('ï')]
    [InlineData('È')]
    public void Analyse_LetterOutsideGsm7_SwitchesTheWholeTextToUcs2AndSaysWhich(char letter)
    {
        var analysis = SmsSegments.Analyse(new string('a', 100) + letter);

        Assert.Equal(SmsEncoding.Ucs2, analysis.Encoding);
        Assert.Equal(101, analysis.Units);
        Assert.Equal(2, analysis.Segments);
        Assert.Equal(letter.ToString(), analysis.FirstNonGsm7);
    }

    [Fact]
    public void Analyse_Gsm7Text_NamesNoCulprit() => Assert.Null(SmsSegments.Analyse("Bonjour à tous").FirstNonGsm7);

    [Theory]
    [InlineData('€', 2)]
    [InlineData('[', 2)]
    [InlineData('a', 1)]
    [InlineData('@', 1)]
    [InlineData('ç', 0)]
    [InlineData('`', 0)]
    public void Gsm7Cost_IsSeptetsPerCharacter(char c, int cost) => Assert.Equal(cost, SmsSegments.Gsm7Cost(c));

    [Theory]
    [InlineData("Camille", "Camille")]
    [InlineData("Hélène", "Hélène")]
    [InlineData("François", "Francois")]
    [InlineData("Benoît", "Benoit")]
    [InlineData("Anaïs", "Anais")]
    [InlineData("Jérôme", "Jérome")]
    [InlineData("Gaëlle", "Gaelle")]
    [InlineData("Cœur", "Coeur")]
    [InlineData("Иван", "Иван")]
    [InlineData("Zoé 😀", "Zoé 😀")]
    public void FoldToGsm7_ReplacesOnlyTheLettersGsm7Lacks(string name, string expected) =>
        Assert.Equal(expected, SmsSegments.FoldToGsm7(name));
}
