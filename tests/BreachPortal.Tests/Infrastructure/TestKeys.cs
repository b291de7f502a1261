namespace BreachPortal.Tests.Infrastructure;

/// <summary>Fixed, public, test-only registry keys (never used outside tests).</summary>
public static class TestKeys
{
    public static readonly string Encryption = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
    public static readonly string Index = Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)]);
}
