using BreachPortal.Web.Checks.Reports;

namespace BreachPortal.Tests.Checks.Reports;

public sealed class ReportScrubberTests
{
    [Theory]
    [InlineData("Écrivez à jean.dupont@example.fr.", "Écrivez à j•••@example.fr.")]
    [InlineData("Appelez le 06 12 34 56 78 ou le +33612345678", "Appelez le ••• ou le •••")]
    [InlineData("Appelez le 06.12.34.56.78 ou le 06-12-34-56-78", "Appelez le ••• ou le •••")]
    [InlineData("Mon NIR 1 85 03 75 123 456 78 et la carte 4970 1012 3456 7890", "Mon NIR ••• et la carte •••")]
    [InlineData("Virement sur FR76 3000 6000 0112 3456 7890 189 svp", "Virement sur ••• svp")]
    [InlineData("Virement sur FR7630006000011234567890189 svp", "Virement sur ••• svp")]
    [InlineData("Payez 12,50 € sous 48 h, dossier n° 2024", "Payez 12,50 € sous 48 h, dossier n° 2024")]
    public void Description_HidesAddressesNumbersAndAccounts_AndKeepsTheRest(string text, string expected) =>
        Assert.Equal(expected, ReportScrubber.Description(text));

    [Theory]
    [InlineData("Allez sur https://ft-maj.example.com/login?user=jean.dupont@example.fr maintenant", "Allez sur [ft-maj.example.com] maintenant")]
    [InlineData("Allez sur HTTP://FT-Maj.Example.com:8443/a/b", "Allez sur [ft-maj.example.com]")]
    [InlineData("Allez sur www.ameli-remboursement.example/x?tel=0612345678", "Allez sur [www.ameli-remboursement.example]")]
    [InlineData("Lien : https://localhost/x", "Lien : •••")]
    public void Description_ReducesLinksToTheirHost(string text, string expected) =>
        Assert.Equal(expected, ReportScrubber.Description(text));

    [Fact]
    public void Description_IsTrimmedAndCutToTheStoredLength()
    {
        Assert.Equal("", ReportScrubber.Description(null));
        Assert.Equal("texte", ReportScrubber.Description("  texte \n "));
        Assert.Equal(FakeMessageReport.DescriptionMaxLength, ReportScrubber.Description(new string('a', FakeMessageReport.DescriptionMaxLength * 2)).Length);
    }

    [Theory]
    [InlineData("Jean.Dupont@Example.fr", "j•••@example.fr")]
    [InlineData("06 12 34 56 78", "+33 • •• •• •• 78")]
    [InlineData("+33 7 98 76 54 32", "+33 • •• •• •• 32")]
    [InlineData("AMELI", "AMELI")]
    [InlineData("  FT-INFO  ", "FT-INFO")]
    [InlineData("Service client 0123456789", "Service client •••")]
    public void Sender_IsMaskedWhenItIsAnAddressOrANumber(string sender, string expected) =>
        Assert.Equal(expected, ReportScrubber.Sender(sender));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Sender_Empty_IsNull(string? sender) => Assert.Null(ReportScrubber.Sender(sender));

    [Fact]
    public void Sender_ALongName_IsCut()
    {
        Assert.Equal(40, ReportScrubber.Sender(new string('x', 200))!.Length);
    }

    [Fact]
    public void LinkHosts_AreDistinctLowerCaseAndInOrder()
    {
        var text = "https://b.example.com/1 puis http://A.example.org/2, encore https://b.example.com/3 et www.c.example.net";

        Assert.Equal("b.example.com a.example.org www.c.example.net", ReportScrubber.LinkHosts(text));
    }

    [Fact]
    public void LinkHosts_OfAnInternationalisedName_AreInPunycode()
    {
        Assert.Equal("xn--scurit-bvaf.example.fr", ReportScrubber.LinkHosts("https://sécurité.example.fr/compte"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Pas de lien ici, seulement un numéro 06 12 34 56 78.")]
    [InlineData("https://localhost/x")]
    public void LinkHosts_WithoutARealLink_AreNull(string? text) => Assert.Null(ReportScrubber.LinkHosts(text));

    [Fact]
    public void LinkHosts_AreAtMostTwenty()
    {
        var text = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"https://site{i}.example.com/"));

        Assert.Equal(20, ReportScrubber.LinkHosts(text)!.Split(' ').Length);
    }
}
