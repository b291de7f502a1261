using BreachPortal.Web.Registry.Normalisation;

namespace BreachPortal.Tests.Registry.Normalisation;

public sealed class FranceTravailIdTests
{
    [Theory]
    [InlineData("1234567A", "1234567A")]
    [InlineData("12345678", "12345678")]
    [InlineData("  1234567z ", "1234567Z")]
    public void Normalize_SevenDigitsAndALetterOrDigit_IsTrimmedAndUpperCased(string input, string expected)
    {
        Assert.Equal(expected, FranceTravailId.Normalize(input).Value);
    }

    [Theory]
    [InlineData(null, FranceTravailIdReason.Empty)]
    [InlineData(" ", FranceTravailIdReason.Empty)]
    [InlineData("1234567", FranceTravailIdReason.WrongFormat)]
    [InlineData("123456789", FranceTravailIdReason.WrongFormat)]
    [InlineData("A2345678", FranceTravailIdReason.WrongFormat)]
    [InlineData("1234567-", FranceTravailIdReason.WrongFormat)]
    [InlineData("1234 567A", FranceTravailIdReason.WrongFormat)]
    public void Normalize_MalformedInput_ReturnsReason(string? input, FranceTravailIdReason expected)
    {
        var result = FranceTravailId.Normalize(input);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Reason);
    }

    [Fact]
    public void DescribeInEnglish_EveryReason_HasADescription()
    {
        foreach (var reason in Enum.GetValues<FranceTravailIdReason>())
        {
            Assert.False(string.IsNullOrWhiteSpace(FranceTravailId.DescribeInEnglish(reason)));
        }
    }
}
