using BreachPortal.Web.Privacy;

namespace BreachPortal.Tests.Privacy;

public sealed class MaskTests
{
    [Theory]
    [InlineData("jean.dupont@example.fr", "j•••@example.fr")]
    [InlineData("Jean.Dupont@Example.FR", "j•••@example.fr")]
    [InlineData("  a@b.fr  ", "a•••@b.fr")]
    [InlineData("x@y@example.fr", "x•••@example.fr")]
    public void Email_Address_KeepsTheFirstLetterAndTheDomain(string address, string expected)
    {
        Assert.Equal(expected, Mask.Email(address));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("@example.fr")]
    [InlineData("jean.dupont@")]
    public void Email_NotAnAddress_IsFullyHidden(string? address)
    {
        Assert.Equal("•••", Mask.Email(address));
    }

    [Fact]
    public void Email_Address_DoesNotContainTheLocalPart()
    {
        Assert.DoesNotContain("dupont", Mask.Email("jean.dupont@example.fr"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("185037511234567", "1 85 •• •• ••• ••• ••")]
    [InlineData("299122A00100142", "2 99 •• •• ••• ••• ••")]
    public void Nir_Normalised_ShowsOnlyTheSexDigitAndBirthYear(string nir, string expected)
    {
        Assert.Equal(expected, Mask.Nir(nir));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1850375")]
    [InlineData("x85037511234567")]
    public void Nir_NotANormalisedNir_IsFullyHidden(string? nir)
    {
        Assert.Equal("•••", Mask.Nir(nir));
    }

    [Theory]
    [InlineData("1234567A", "••••••7A")]
    [InlineData(" 7654321B ", "••••••1B")]
    public void FranceTravailId_KeepsTheLastTwoCharacters(string id, string expected)
    {
        Assert.Equal(expected, Mask.FranceTravailId(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("7A")]
    public void FranceTravailId_TooShortToHide_IsFullyHidden(string? id)
    {
        Assert.Equal("•••", Mask.FranceTravailId(id));
    }

    [Theory]
    [InlineData("+33612345678", "+33 • •• •• •• 78")]
    [InlineData("+262692123456", "+262 • •• •• •• 56")]
    [InlineData("+508411234", "+508 •• •• 34")]
    [InlineData("+4915112345678", "+••• 78")]
    public void Phone_E164_KeepsTheCountryCodeAndTheLastTwoDigits(string phone, string expected)
    {
        Assert.Equal(expected, Mask.Phone(phone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0612345678")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("+33")]
    public void Phone_NotE164_IsFullyHidden(string? phone)
    {
        Assert.Equal("•••", Mask.Phone(phone));
    }

    [Fact]
    public void Phone_E164_DoesNotContainTheSubscriberNumber()
    {
        Assert.DoesNotContain("123456", Mask.Phone("+33612345678").Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Martin", "M•••")]
    [InlineData("  Élodie ", "É•••")]
    [InlineData("E\u0301lodie", "E\u0301•••")]
    [InlineData(null, "•••")]
    [InlineData(" ", "•••")]
    public void Name_KeepsTheFirstLetterOnly(string? name, string expected)
    {
        Assert.Equal(expected, Mask.Name(name));
    }

    [Theory]
    [InlineData("1985-03-14", "••/••/1985")]
    [InlineData(null, "•••")]
    [InlineData("14/03/1985", "•••")]
    [InlineData("85-03-14", "•••")]
    public void DateOfBirth_KeepsTheYearOnly(string? date, string expected)
    {
        Assert.Equal(expected, Mask.DateOfBirth(date));
    }
}
