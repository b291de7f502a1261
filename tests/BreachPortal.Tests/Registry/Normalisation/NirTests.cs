using System.Globalization;
using BreachPortal.Web.Registry.Normalisation;

namespace BreachPortal.Tests.Registry.Normalisation;

public sealed class NirTests
{
    [Theory]
    [InlineData("295109912611193")]
    [InlineData("253072B07300470")]
    [InlineData("253072A07300443")]
    public void Normalize_DomainExamples_AreValid(string nir)
    {
        var result = Nir.Normalize(nir);

        Assert.True(result.IsValid);
        Assert.Equal(nir, result.Value);
    }

    [Theory]
    [InlineData("2 95 10 99 126 111 93")]
    [InlineData("2.95.10.99.126.111.93")]
    [InlineData("2-95-10-99-126-111-93")]
    [InlineData("  295109912611193  ")]
    public void Normalize_SpacesDotsAndDashes_AreRemoved(string nir)
    {
        Assert.Equal("295109912611193", Nir.Normalize(nir).Value);
    }

    [Theory]
    [InlineData("2 53 07 2b 073 004 70", "253072B07300470")]
    [InlineData("253072a07300443", "253072A07300443")]
    public void Normalize_LowerCaseCorsica_IsUpperCased(string nir, string expected)
    {
        Assert.Equal(expected, Nir.Normalize(nir).Value);
    }

    [Theory]
    [InlineData("7951099126111")]
    [InlineData("8951099126111")]
    public void Normalize_TemporaryNumberStartingWith7Or8_IsValid(string body)
    {
        Assert.True(Nir.Normalize(WithKey(body)).IsValid);
    }

    [Theory]
    [InlineData("20")]
    [InlineData("42")]
    [InlineData("50")]
    [InlineData("99")]
    public void Normalize_IncompleteCivilRecordMonth_IsValid(string month)
    {
        Assert.True(Nir.Normalize(WithKey($"195{month}75123456")).IsValid);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("95")]
    [InlineData("97")]
    [InlineData("98")]
    [InlineData("99")]
    public void Normalize_MainlandOverseasAndAbroadDepartments_AreValid(string department)
    {
        Assert.True(Nir.Normalize(WithKey($"18501{department}123456")).IsValid);
    }

    [Theory]
    [InlineData(null, NirReason.Empty)]
    [InlineData("", NirReason.Empty)]
    [InlineData("   ", NirReason.Empty)]
    [InlineData("29510991261119", NirReason.WrongLength)]
    [InlineData("2951099126111930", NirReason.WrongLength)]
    [InlineData("29510991261119X", NirReason.InvalidCharacters)]
    [InlineData("2951099/12611193", NirReason.InvalidCharacters)]
    [InlineData("A95109912611193", NirReason.InvalidCharacters)]
    [InlineData("395109912611193", NirReason.InvalidSex)]
    public void Normalize_MalformedInput_ReturnsReason(string? nir, NirReason expected)
    {
        var result = Nir.Normalize(nir);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(expected, result.Reason);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("13")]
    [InlineData("19")]
    [InlineData("43")]
    [InlineData("49")]
    public void Normalize_ImpossibleMonth_ReturnsInvalidMonth(string month)
    {
        Assert.Equal(NirReason.InvalidMonth, Nir.Normalize(WithKey($"195{month}75123456")).Reason);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("96")]
    [InlineData("3A")]
    public void Normalize_NonexistentDepartment_ReturnsInvalidDepartment(string department)
    {
        Assert.Equal(NirReason.InvalidDepartment, Nir.Normalize($"18501{department}12345601").Reason);
    }

    [Fact]
    public void Normalize_CorsicanDepartment20OfABirthBefore1976_IsAccepted()
    {
        Assert.True(Nir.Normalize(WithKey("1550120123456")).IsValid);
    }

    [Fact]
    public void Normalize_WrongKey_ReturnsWrongKey()
    {
        Assert.Equal(NirReason.WrongKey, Nir.Normalize("295109912611194").Reason);
    }

    [Fact]
    public void ComputeKey_CorsicanBodies_Substitute19For2AAnd18For2B()
    {
        Assert.Equal(43, Nir.ComputeKey("253072A073004"));
        Assert.Equal(70, Nir.ComputeKey("253072B073004"));
    }

    [Fact]
    public void Normalize_RandomBodiesWithComputedKey_AlwaysValidateAndFailWhenOneDigitChanges()
    {
        var random = new Random(20240317);
        for (var i = 0; i < 500; i++)
        {
            var nir = WithKey(RandomBody(random));
            Assert.True(Nir.Normalize(nir).IsValid, nir);

            // Only the commune and order digits are mutated, so the failure can only come from the key.
            var position = random.Next(7, 13);
            var original = nir[position] - '0';
            var replacement = (original + random.Next(1, 10)) % 10;
            var mutated = string.Concat(nir.AsSpan(0, position), replacement.ToString(CultureInfo.InvariantCulture), nir.AsSpan(position + 1));
            Assert.Equal(NirReason.WrongKey, Nir.Normalize(mutated).Reason);
        }
    }

    [Fact]
    public void DescribeInEnglish_EveryReason_HasADescription()
    {
        foreach (var reason in Enum.GetValues<NirReason>())
        {
            Assert.False(string.IsNullOrWhiteSpace(Nir.DescribeInEnglish(reason)));
        }
    }

    private static string RandomBody(Random random)
    {
        var department = random.Next(1, 96) switch
        {
            20 => random.Next(2) == 0 ? "2A" : "2B",
            var number => number.ToString("D2", CultureInfo.InvariantCulture),
        };
        return string.Concat(
            "1278"[random.Next(4)].ToString(),
            random.Next(0, 100).ToString("D2", CultureInfo.InvariantCulture),
            random.Next(1, 13).ToString("D2", CultureInfo.InvariantCulture),
            department,
            random.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
    }

    private static string WithKey(string body) => body + Nir.ComputeKey(body).ToString("D2", CultureInfo.InvariantCulture);
}
