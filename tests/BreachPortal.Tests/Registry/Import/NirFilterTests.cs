using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using BreachPortal.Web.Registry.Import;

namespace BreachPortal.Tests.Registry.Import;

public sealed class NirFilterTests
{
    [Fact]
    public void ANirIsNewOnce_AndEveryRepeatMayHaveBeenSeen()
    {
        var filter = new NirFilter(NirFilter.MinBits);
        var nirs = Enumerable.Range(0, 10_000).Select(_ => RandomNumberGenerator.GetBytes(32)).ToList();

        var firstTime = nirs.Count(nir => filter.Add(nir));

        Assert.All(nirs, nir => Assert.False(filter.Add(nir)));
        // 10,000 NIRs in 8 million bits: a false "maybe" is a one-in-a-billion event.
        Assert.Equal(nirs.Count, firstTime);
    }

    [Theory]
    [InlineData(1_000L, NirFilter.MinBits)]
    [InlineData(100_000_000L, 1 << 24)]
    [InlineData(6_000_000_000L, NirFilter.MaxBits)]
    [InlineData(null, NirFilter.MaxBits)]
    public void SizedFromTheFile_WithinItsBounds(long? fileBytes, int bits)
    {
        var filter = NirFilter.ForFile(fileBytes);

        Assert.Equal(bits, filter.Bits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void ASizeThatIsNotAPowerOfTwo_IsRefused(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NirFilter(bits));
    }

    [Theory]
    [InlineData(100, "Registry:Import:NirFilterBits must be a power of two (it is 100).")]
    [InlineData(32, "The field NirFilterBits must be between 64 and 536870912.")]
    public void TheSetting_IsCheckedAtStart_NamingWhatIsWrong(int bits, string problem)
    {
        var options = new RegistryImportOptions { NirFilterBits = bits };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(problem, Assert.Single(results).ErrorMessage);
    }
}
