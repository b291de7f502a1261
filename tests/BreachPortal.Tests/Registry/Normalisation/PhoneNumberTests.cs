using BreachPortal.Web.Registry.Normalisation;

namespace BreachPortal.Tests.Registry.Normalisation;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("06 12 34 56 78")]
    [InlineData("0612345678")]
    [InlineData("06.12.34.56.78")]
    [InlineData("06-12-34-56-78")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("+33612345678")]
    [InlineData("0033612345678")]
    [InlineData("00 33 6 12 34 56 78")]
    public void Normalize_FrenchMobileInEveryUsualForm_IsTheSameE164(string input)
    {
        Assert.Equal("+33612345678", PhoneNumber.Normalize(input).Value);
    }

    [Theory]
    [InlineData("01 42 68 53 00", "+33142685300")]
    [InlineData("0478123456", "+33478123456")]
    [InlineData("07 81 23 45 67", "+33781234567")]
    [InlineData("09 70 12 34 56", "+33970123456")]
    public void Normalize_MetropolitanNumber_GetsCountryCode33(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(input).Value);
    }

    [Theory]
    [InlineData("0262 12 34 56", "+262262123456")]
    [InlineData("0692123456", "+262692123456")]
    [InlineData("0639 12 34 56", "+262639123456")]
    [InlineData("0590123456", "+590590123456")]
    [InlineData("0690123456", "+590690123456")]
    [InlineData("0594123456", "+594594123456")]
    [InlineData("0694123456", "+594694123456")]
    [InlineData("0596123456", "+596596123456")]
    [InlineData("0696123456", "+596696123456")]
    [InlineData("0508412345", "+508412345")]
    public void Normalize_OverseasNationalNumber_GetsItsOwnCountryCode(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(input).Value);
    }

    [Theory]
    [InlineData("+262 692 12 34 56", "+262692123456")]
    [InlineData("00262692123456", "+262692123456")]
    [InlineData("+33692123456", "+262692123456")]
    [InlineData("+508 41 23 45", "+508412345")]
    [InlineData("+32 470 12 34 56", "+32470123456")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void Normalize_InternationalForm_IsKeptOrMappedToTheOverseasCode(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(input).Value);
    }

    [Theory]
    [InlineData(null, PhoneNumberReason.Empty)]
    [InlineData("  ", PhoneNumberReason.Empty)]
    [InlineData("06 12 34 56 7a", PhoneNumberReason.InvalidCharacters)]
    [InlineData("(0)6 12 34 56 78", PhoneNumberReason.InvalidCharacters)]
    [InlineData("06+12345678", PhoneNumberReason.InvalidCharacters)]
    [InlineData("061234567", PhoneNumberReason.WrongLength)]
    [InlineData("06123456789", PhoneNumberReason.WrongLength)]
    [InlineData("+3361234567", PhoneNumberReason.WrongLength)]
    [InlineData("+33 06 12 34 56 78", PhoneNumberReason.WrongLength)]
    [InlineData("+26269212345", PhoneNumberReason.WrongLength)]
    [InlineData("+1234567", PhoneNumberReason.WrongLength)]
    [InlineData("+1234567890123456", PhoneNumberReason.WrongLength)]
    [InlineData("612345678", PhoneNumberReason.UnknownPrefix)]
    [InlineData("+0612345678", PhoneNumberReason.UnknownPrefix)]
    [InlineData("+33012345678", PhoneNumberReason.UnknownPrefix)]
    public void Normalize_MalformedNumber_ReturnsReason(string? input, PhoneNumberReason expected)
    {
        var result = PhoneNumber.Normalize(input);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Reason);
    }

    [Theory]
    [InlineData("06 12 34 56 78", true)]
    [InlineData("07 81 23 45 67", true)]
    [InlineData("0692123456", true)]
    [InlineData("0639123456", true)]
    [InlineData("0690123456", true)]
    [InlineData("0694123456", true)]
    [InlineData("0697123456", true)]
    [InlineData("01 42 68 53 00", false)]
    [InlineData("0262123456", false)]
    [InlineData("09 70 12 34 56", false)]
    [InlineData("+32470123456", false)]
    public void IsMobile_NormalisedNumber_RecognisesFrenchAndOverseasMobiles(string input, bool expected)
    {
        Assert.Equal(expected, PhoneNumber.IsMobile(PhoneNumber.Normalize(input).Value!));
    }

    [Fact]
    public void DescribeInEnglish_EveryReason_HasADescription()
    {
        foreach (var reason in Enum.GetValues<PhoneNumberReason>())
        {
            Assert.False(string.IsNullOrWhiteSpace(PhoneNumber.DescribeInEnglish(reason)));
        }
    }
}
