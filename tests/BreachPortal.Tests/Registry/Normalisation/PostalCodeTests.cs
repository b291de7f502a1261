using BreachPortal.Web.Registry.Normalisation;

namespace BreachPortal.Tests.Registry.Normalisation;

public sealed class PostalCodeTests
{
    [Theory]
    [InlineData("75001", "75001")]
    [InlineData("01000", "01000")]
    [InlineData("20000", "20000")]
    [InlineData("20200", "20200")]
    [InlineData("97400", "97400")]
    [InlineData("98800", "98800")]
    [InlineData(" 75 001 ", "75001")]
    public void Normalize_FiveDigits_IsValidWithoutSpaces(string input, string expected)
    {
        Assert.Equal(expected, PostalCode.Normalize(input).Value);
    }

    [Theory]
    [InlineData(null, PostalCodeReason.Empty)]
    [InlineData("", PostalCodeReason.Empty)]
    [InlineData("00100", PostalCodeReason.WrongFormat)]
    [InlineData("7500", PostalCodeReason.WrongFormat)]
    [InlineData("750011", PostalCodeReason.WrongFormat)]
    [InlineData("2A000", PostalCodeReason.WrongFormat)]
    [InlineData("75-001", PostalCodeReason.WrongFormat)]
    public void Normalize_MalformedInput_ReturnsReason(string? input, PostalCodeReason expected)
    {
        var result = PostalCode.Normalize(input);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Reason);
    }

    [Fact]
    public void DescribeInEnglish_EveryReason_HasADescription()
    {
        foreach (var reason in Enum.GetValues<PostalCodeReason>())
        {
            Assert.False(string.IsNullOrWhiteSpace(PostalCode.DescribeInEnglish(reason)));
        }
    }
}
