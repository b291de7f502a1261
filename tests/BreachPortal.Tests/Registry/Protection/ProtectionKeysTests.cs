using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Protection;

namespace BreachPortal.Tests.Registry.Protection;

public sealed class ProtectionKeysTests
{
    [Fact]
    public void Load_NothingConfigured_NamesBothMissingKeys()
    {
        var (keys, problems) = ProtectionKeys.Load(new ProtectionOptions());

        Assert.Null(keys);
        Assert.Contains(problems, p => p.StartsWith("Protection:EncryptionKey (or Protection:EncryptionKeyFile) must be set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Protection:IndexKey (or Protection:IndexKeyFile) must be set", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Load_KeyThatIsNot32Bytes_IsRefusedWithItsName(string value)
    {
        var (keys, problems) = ProtectionKeys.Load(new ProtectionOptions { EncryptionKey = value, IndexKey = TestKeys.Index });

        Assert.Null(keys);
        Assert.Equal(["Protection:EncryptionKey must be base64 of exactly 32 bytes."], problems);
    }

    [Fact]
    public void Load_SameKeyForBothPurposes_IsRefused()
    {
        var (keys, problems) = ProtectionKeys.Load(new ProtectionOptions { EncryptionKey = TestKeys.Index, IndexKey = TestKeys.Index });

        Assert.Null(keys);
        Assert.Contains("Protection:EncryptionKey and Protection:IndexKey must be different keys.", problems);
    }

    [Fact]
    public void Load_KeysFromFiles_ReadsThem()
    {
        var folder = Directory.CreateTempSubdirectory("bp-keys-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "encryption.key"), TestKeys.Encryption + "\n");
            File.WriteAllText(Path.Combine(folder, "index.key"), TestKeys.Index);

            var (keys, problems) = ProtectionKeys.Load(new ProtectionOptions
            {
                EncryptionKeyFile = Path.Combine(folder, "encryption.key"),
                IndexKeyFile = Path.Combine(folder, "index.key"),
            });

            Assert.Empty(problems);
            Assert.Equal(Convert.FromBase64String(TestKeys.Index), keys!.IndexKey);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Load_KeyFileMissing_SaysSo()
    {
        var (_, problems) = ProtectionKeys.Load(new ProtectionOptions { EncryptionKeyFile = "/nonexistent/encryption.key", IndexKey = TestKeys.Index });

        Assert.Contains("Protection:EncryptionKeyFile names a file that does not exist.", problems);
    }
}
