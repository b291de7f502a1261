using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Protection;

namespace BreachPortal.Tests.Registry.Protection;

public sealed class BlindIndexTests
{
    [Fact]
    public void Compute_SameValueAndKind_GivesTheSameIndex()
    {
        var index = new BlindIndex(FieldProtectorTests.Keys());

        Assert.Equal(index.Compute(BlindIndexKind.Nir, "295109912611193"), index.Compute(BlindIndexKind.Nir, "295109912611193"));
        Assert.Equal(32, index.Compute(BlindIndexKind.Nir, "295109912611193").Length);
    }

    [Fact]
    public void Compute_SameDigitsOfAnotherKind_GivesAnotherIndex()
    {
        var index = new BlindIndex(FieldProtectorTests.Keys());

        Assert.NotEqual(index.Compute(BlindIndexKind.Phone, "0612345678"), index.Compute(BlindIndexKind.FranceTravailId, "0612345678"));
    }

    [Fact]
    public void Compute_WithAnotherKey_GivesAnotherIndex()
    {
        var otherKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(50 + i)).ToArray());
        var mine = new BlindIndex(FieldProtectorTests.Keys());
        var theirs = new BlindIndex(FieldProtectorTests.Keys(new ProtectionOptions { EncryptionKey = TestKeys.Encryption, IndexKey = otherKey }));

        Assert.NotEqual(mine.Compute(BlindIndexKind.Email, "a@b.fr"), theirs.Compute(BlindIndexKind.Email, "a@b.fr"));
    }
}
