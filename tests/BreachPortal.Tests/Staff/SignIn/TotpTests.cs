using System.Text;
using BreachPortal.Web.Staff.SignIn;

namespace BreachPortal.Tests.Staff.SignIn;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1: the key is the ASCII string "12345678901234567890".
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Code_Rfc6238Sha1Vectors_AreTheLastSixDigitsOfTheEightDigitCodes(long unixSeconds, string expected)
    {
        var step = Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, Totp.Code(RfcKey, step));
    }

    [Fact]
    public void TimeStep_ThirtySecondSteps_CountFromTheUnixEpoch()
    {
        Assert.Equal(0, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(29)));
        Assert.Equal(1, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(30)));
        Assert.Equal(37037036, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(1111111109)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void MatchingStep_CodeWithinOneStepOfNow_ReturnsItsStep(int drift)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.TimeStep(now) + drift;
        var code = Totp.Code(RfcKey, step);

        Assert.Equal(step, Totp.MatchingStep(RfcKey, code, now));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(-3)]
    [InlineData(3)]
    public void MatchingStep_CodeTwoOrMoreStepsAway_IsRefused(int drift)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var code = Totp.Code(RfcKey, Totp.TimeStep(now) + drift);

        Assert.Null(Totp.MatchingStep(RfcKey, code, now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00000")]
    [InlineData("0000000")]
    [InlineData("abcdef")]
    public void MatchingStep_MalformedCode_IsRefused(string code)
    {
        Assert.Null(Totp.MatchingStep(RfcKey, code, DateTimeOffset.FromUnixTimeSeconds(1234567890)));
    }

    [Fact]
    public void MatchingStep_OtherKey_IsRefused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var code = Totp.Code(RfcKey, Totp.TimeStep(now));
        var otherKey = Encoding.ASCII.GetBytes("09876543210987654321");

        Assert.Null(Totp.MatchingStep(otherKey, code, now));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData("123 456", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData(" 12 34 56 ", "123456")]
    [InlineData("012345", "012345")]
    public void Normalize_SixDigitsWithSpacesOrDashes_ReturnsTheDigits(string input, string expected)
    {
        Assert.Equal(expected, Totp.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345a")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("123.456")]
    [InlineData("١٢٣٤٥٦")]
    public void Normalize_AnythingButSixDigits_ReturnsNull(string? input)
    {
        Assert.Null(Totp.Normalize(input));
    }
}
