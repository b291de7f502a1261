using BreachPortal.Web.Staff.SignIn;

namespace BreachPortal.Tests.Staff.SignIn;

public sealed class CommonPasswordValidatorTests
{
    private const string Email = "jean.dupont@agence.example.fr";

    [Theory]
    [InlineData("motdepasse2024!")]
    [InlineData("Motdepasse2024!")]
    [InlineData("Password2024!")]
    [InlineData("Azertyuiop123")]
    [InlineData("P@ssw0rd12345")]
    [InlineData("@dmin2024!!")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("123456789012")]
    [InlineData("210987654321")]
    [InlineData("soleilsoleil")]
    [InlineData("Soleil-Soleil")]
    [InlineData("bienvenue2025")]
    public void IsGuessable_CommonPasswordsAndTheirVariants_ReturnsTrue(string password)
    {
        Assert.True(CommonPasswordValidator.IsGuessable(password, Email));
    }

    [Theory]
    [InlineData("jean.dupont-2025!")]
    [InlineData("Mon nom est jean.dupont")]
    [InlineData("JEAN.DUPONT.tulipe.orbite")]
    public void IsGuessable_PasswordContainingTheEmailLocalPart_ReturnsTrue(string password)
    {
        Assert.True(CommonPasswordValidator.IsGuessable(password, Email));
    }

    [Theory]
    [InlineData("cheval agrafe batterie correcte")]
    [InlineData("Tulipe-orbite-9-cartable")]
    [InlineData("correct horse battery staple")]
    [InlineData("zebre;orange;42;violon")]
    public void IsGuessable_LongUnusualPassphrase_ReturnsFalse(string password)
    {
        Assert.False(CommonPasswordValidator.IsGuessable(password, Email));
        Assert.False(CommonPasswordValidator.IsGuessable(password, email: null));
    }
}
