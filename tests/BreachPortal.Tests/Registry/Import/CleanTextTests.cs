using BreachPortal.Web.Registry.Import;

namespace BreachPortal.Tests.Registry.Import;

/// <summary>Free-text values of an extract (names, places, addresses) as the import stores them.</summary>
public sealed class CleanTextTests
{
    [Theory]
    [InlineData("Dupont", "Dupont")]
    [InlineData("Le Goff-Kérézéon", "Le Goff-Kérézéon")]
    [InlineData("  Dupont  ", "Dupont")]
    [InlineData("Le  Goff", "Le Goff")]
    [InlineData("Le\tGoff", "Le Goff")]
    [InlineData("Le\u00A0Goff", "Le Goff")]
    [InlineData("Le \u2003 Goff", "Le Goff")]
    public void OneLineText_IsTrimmedWithSpacesCollapsed(string raw, string expected)
    {
        Assert.Equal((expected, null), RegistryRowValidator.CleanText(raw, 100, multiline: false));
    }

    [Theory]
    [InlineData("3 rue\nde la Paix", "3 rue\nde la Paix")]
    [InlineData("3 rue \r\n\r\n de la Paix ", "3 rue\nde la Paix")]
    public void Address_KeepsOneLineBreakBetweenLines(string raw, string expected)
    {
        Assert.Equal((expected, null), RegistryRowValidator.CleanText(raw, 300, multiline: true));
    }

    [Theory]
    [InlineData("Du\npont", false, RejectReasons.ControlCharacters)]
    [InlineData("Du\u0007pont", false, RejectReasons.ControlCharacters)]
    [InlineData("Du\u007Fpont", true, RejectReasons.ControlCharacters)]
    [InlineData("Duponttttt", false, RejectReasons.TooLong)]
    [InlineData("  Duponttttt ", false, RejectReasons.TooLong)]
    public void ControlsOrLength_AreRefusedNamingWhy(string raw, bool multiline, string reason)
    {
        Assert.Equal((null, reason), RegistryRowValidator.CleanText(raw, 9, multiline));
    }

    [Fact]
    public void ACleanValue_IsKeptAsIs_WithoutACopy()
    {
        var raw = string.Concat("Marie-", "Noëlle");

        Assert.Same(raw, RegistryRowValidator.CleanText(raw, 100, multiline: false).Value);
    }
}
