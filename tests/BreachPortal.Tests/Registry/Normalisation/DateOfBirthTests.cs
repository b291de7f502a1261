using BreachPortal.Web.Registry.Normalisation;

namespace BreachPortal.Tests.Registry.Normalisation;

public sealed class DateOfBirthTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("1985-03-07")]
    [InlineData("07/03/1985")]
    [InlineData("07-03-1985")]
    [InlineData("07.03.1985")]
    [InlineData("7/3/1985")]
    [InlineData(" 07/03/1985 ")]
    public void Normalize_AcceptedForms_GiveIsoDate(string input)
    {
        Assert.Equal("1985-03-07", DateOfBirth.Normalize(input, Today).Value);
    }

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("2026-11-22")]
    [InlineData("29/02/2000")]
    public void Normalize_Boundaries_AreValid(string input)
    {
        Assert.True(DateOfBirth.Normalize(input, Today).IsValid);
    }

    [Theory]
    [InlineData(null, DateOfBirthReason.Empty)]
    [InlineData("", DateOfBirthReason.Empty)]
    [InlineData("1985/03/07", DateOfBirthReason.UnrecognisedFormat)]
    [InlineData("07/03/85", DateOfBirthReason.UnrecognisedFormat)]
    [InlineData("07031985", DateOfBirthReason.UnrecognisedFormat)]
    [InlineData("07/03-1985", DateOfBirthReason.UnrecognisedFormat)]
    [InlineData("le 7 mars 1985", DateOfBirthReason.UnrecognisedFormat)]
    [InlineData("1985-3-7", DateOfBirthReason.UnrecognisedFormat)]
    [InlineData("31/04/1985", DateOfBirthReason.NotADate)]
    [InlineData("29/02/1985", DateOfBirthReason.NotADate)]
    [InlineData("1985-13-01", DateOfBirthReason.NotADate)]
    [InlineData("00/03/1985", DateOfBirthReason.NotADate)]
    [InlineData("2026-11-23", DateOfBirthReason.InTheFuture)]
    [InlineData("1899-12-31", DateOfBirthReason.TooOld)]
    public void Normalize_BadInput_ReturnsReason(string? input, DateOfBirthReason expected)
    {
        var result = DateOfBirth.Normalize(input, Today);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Reason);
    }

    [Fact]
    public void DescribeInEnglish_EveryReason_HasADescription()
    {
        foreach (var reason in Enum.GetValues<DateOfBirthReason>())
        {
            Assert.False(string.IsNullOrWhiteSpace(DateOfBirth.DescribeInEnglish(reason)));
        }
    }
}
