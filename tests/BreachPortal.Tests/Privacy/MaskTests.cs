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
}
