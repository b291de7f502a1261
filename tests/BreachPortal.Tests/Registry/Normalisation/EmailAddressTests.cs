using BreachPortal.Web.Registry.Normalisation;

namespace BreachPortal.Tests.Registry.Normalisation;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("jean.dupont@example.fr", "jean.dupont@example.fr")]
    [InlineData("  Jean@Exemple.FR ", "Jean@exemple.fr")]
    [InlineData("o'brien+tag@mail.example.co.uk", "o'brien+tag@mail.example.co.uk")]
    [InlineData("élodie@exemple.fr", "élodie@exemple.fr")]
    public void Normalize_ValidAddress_KeepsLocalPartAndLowerCasesDomain(string input, string expected)
    {
        Assert.Equal(expected, EmailAddress.Normalize(input).Value);
    }

    [Theory]
    [InlineData("marie@café.fr", "marie@xn--caf-dma.fr")]
    [InlineData("marie@CAFÉ.FR", "marie@xn--caf-dma.fr")]
    [InlineData("info@bücher.example", "info@xn--bcher-kva.example")]
    public void Normalize_InternationalisedDomain_IsConvertedToPunycode(string input, string expected)
    {
        Assert.Equal(expected, EmailAddress.Normalize(input).Value);
    }

    [Fact]
    public void BlindIndexForm_AddressesDifferingOnlyInCase_AreEqual()
    {
        var upper = EmailAddress.Normalize("Jean@Exemple.FR").Value!;
        var lower = EmailAddress.Normalize("jean@exemple.fr").Value!;

        Assert.NotEqual(upper, lower);
        Assert.Equal(EmailAddress.BlindIndexForm(lower), EmailAddress.BlindIndexForm(upper));
    }

    [Theory]
    [InlineData(null, EmailAddressReason.Empty)]
    [InlineData(" ", EmailAddressReason.Empty)]
    [InlineData("jean.example.fr", EmailAddressReason.MissingAt)]
    [InlineData("@example.fr", EmailAddressReason.InvalidLocalPart)]
    [InlineData("jean@dupont@example.fr", EmailAddressReason.InvalidLocalPart)]
    [InlineData(".jean@example.fr", EmailAddressReason.InvalidLocalPart)]
    [InlineData("jean..dupont@example.fr", EmailAddressReason.InvalidLocalPart)]
    [InlineData("jean dupont@example.fr", EmailAddressReason.InvalidLocalPart)]
    [InlineData("\"jean dupont\"@example.fr", EmailAddressReason.InvalidLocalPart)]
    [InlineData("jean@", EmailAddressReason.InvalidDomain)]
    [InlineData("jean@localhost", EmailAddressReason.InvalidDomain)]
    [InlineData("jean@example..fr", EmailAddressReason.InvalidDomain)]
    [InlineData("jean@-example.fr", EmailAddressReason.InvalidDomain)]
    [InlineData("jean@exa_mple.fr", EmailAddressReason.InvalidDomain)]
    [InlineData("jean@example.fr.", EmailAddressReason.InvalidDomain)]
    [InlineData("jean@192.168.0.1", EmailAddressReason.InvalidDomain)]
    public void Normalize_MalformedAddress_ReturnsReason(string? input, EmailAddressReason expected)
    {
        var result = EmailAddress.Normalize(input);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Reason);
    }

    [Fact]
    public void Normalize_LocalPartOver64Characters_ReturnsTooLong()
    {
        Assert.Equal(EmailAddressReason.TooLong, EmailAddress.Normalize(new string('a', 65) + "@example.fr").Reason);
        Assert.True(EmailAddress.Normalize(new string('a', 64) + "@example.fr").IsValid);
    }

    [Fact]
    public void Normalize_AddressOver254Characters_ReturnsTooLong()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".fr";

        Assert.Equal(EmailAddressReason.TooLong, EmailAddress.Normalize(new string('a', 10) + "@" + domain).Reason);
    }

    [Fact]
    public void DescribeInEnglish_EveryReason_HasADescription()
    {
        foreach (var reason in Enum.GetValues<EmailAddressReason>())
        {
            Assert.False(string.IsNullOrWhiteSpace(EmailAddress.DescribeInEnglish(reason)));
        }
    }
}
