using System.Security.Cryptography;
using System.Text;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Protection;

namespace BreachPortal.Tests.Registry.Protection;

public sealed class FieldProtectorTests
{
    private static readonly string OtherKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(200 + i)).ToArray());

    [Fact]
    public void Protect_ThenUnprotect_GivesBackTheValueWhichIsNotInTheStoredBytes()
    {
        var protector = new FieldProtector(Keys());

        var stored = protector.Protect("jean.dupont@example.fr", "email");

        Assert.Equal("jean.dupont@example.fr", protector.Unprotect(stored, "email"));
        Assert.DoesNotContain("jean", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.Equal("k1", FieldProtector.KeyIdOf(stored));
    }

    [Fact]
    public void Protect_SameValueTwice_GivesDifferentBytes()
    {
        var protector = new FieldProtector(Keys());

        Assert.NotEqual(protector.Protect("295109912611193", "nir"), protector.Protect("295109912611193", "nir"));
    }

    [Fact]
    public void Unprotect_AlteredByte_IsRefused()
    {
        var protector = new FieldProtector(Keys());
        var stored = protector.Protect("0612345678", "phone");
        stored[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(stored, "phone"));
    }

    [Fact]
    public void Unprotect_ValueMovedToAnotherColumn_IsRefused()
    {
        var protector = new FieldProtector(Keys());
        var stored = protector.Protect("jean.dupont@example.fr", "email");

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(stored, "phone"));
    }

    [Fact]
    public void Unprotect_AfterRotation_ReadsOldValuesWithThePreviousKeyAndWritesWithTheNewOne()
    {
        var before = new FieldProtector(Keys());
        var old = before.Protect("Dupont", "last_name");
        var rotated = new FieldProtector(Keys(new ProtectionOptions
        {
            EncryptionKey = OtherKey,
            EncryptionKeyId = "k2",
            IndexKey = TestKeys.Index,
            PreviousEncryptionKeys = new() { ["k1"] = TestKeys.Encryption },
        }));

        Assert.Equal("Dupont", rotated.Unprotect(old, "last_name"));
        Assert.Equal("k2", FieldProtector.KeyIdOf(rotated.Protect("Dupont", "last_name")));
    }

    [Fact]
    public void Unprotect_KeyNoLongerConfigured_SaysWhichKeyIsMissing()
    {
        var old = new FieldProtector(Keys()).Protect("Dupont", "last_name");
        var withoutOldKey = new FieldProtector(Keys(new ProtectionOptions { EncryptionKey = OtherKey, EncryptionKeyId = "k2", IndexKey = TestKeys.Index }));

        var error = Assert.ThrowsAny<CryptographicException>(() => withoutOldKey.Unprotect(old, "last_name"));

        Assert.Contains("'k1'", error.Message, StringComparison.Ordinal);
    }

    internal static ProtectionKeys Keys(ProtectionOptions? options = null) =>
        ProtectionKeys.Load(options ?? new ProtectionOptions { EncryptionKey = TestKeys.Encryption, IndexKey = TestKeys.Index }).Keys!;
}
