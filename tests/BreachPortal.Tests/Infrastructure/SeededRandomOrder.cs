using System.Globalization;
using Xunit.Sdk;
using Xunit.v3;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// Runs the tests of each class, and the classes, in an order drawn from a seed, so that a test which needs another
/// to run first fails. tools/test draws the seed, prints it and passes it in <see cref="EnvironmentVariable"/>; the
/// same seed gives the same order, so a failure can be replayed. Without it the order is xunit's usual stable one.
/// </summary>
public sealed class SeededRandomOrder : ITestCaseOrderer, ITestCollectionOrderer
{
    public const string EnvironmentVariable = "BREACHPORTAL_TEST_SEED";

    /// <summary>The seed of this run, or null when none was given.</summary>
    public static int? Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : null;

    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase
    {
        if (Seed is null)
        {
            return DefaultTestCaseOrderer.Instance.OrderTestCases(testCases);
        }

        // Each class draws its own order from the seed and its name: the same whatever order the classes start in.
        var scope = testCases.Select(t => t.TestClassName).FirstOrDefault() ?? "";
        return Shuffle(testCases, t => t.UniqueID, scope, Seed.Value);
    }

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection
    {
        if (Seed is null)
        {
            return DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections);
        }

        return Shuffle(testCollections, c => c.UniqueID, "collections", Seed.Value);
    }

    /// <summary>The items in an order that depends only on their keys, the scope and the seed.</summary>
    public static List<T> Shuffle<T>(IEnumerable<T> items, Func<T, string> key, string scope, int seed)
    {
        var shuffled = items.OrderBy(key, StringComparer.Ordinal).ToList();

        // string.GetHashCode differs from process to process; the order must not.
#pragma warning disable CA5394 // An order of tests, not a secret.
        var random = new Random(seed ^ StableHash(scope));
        for (var i = shuffled.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }
#pragma warning restore CA5394

        return shuffled;
    }

    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
