using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.TestHarness;

public sealed class SeededRandomOrderTests
{
    private static readonly string[] Tests = [.. Enumerable.Range(1, 20).Select(i => $"test-{i:D2}")];

    [Fact]
    public void Shuffle_WithTheSameSeed_GivesTheSameOrder_WhateverOrderTheTestsCameIn()
    {
        var first = SeededRandomOrder.Shuffle(Tests, t => t, "SomeClass", 1234);
        var again = SeededRandomOrder.Shuffle(Tests.Reverse(), t => t, "SomeClass", 1234);

        Assert.Equal(first, again);
        Assert.Equal(Tests.Order(StringComparer.Ordinal), first.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Shuffle_WithOtherSeedsOrClasses_GivesOtherOrders()
    {
        var orders = new[]
        {
            SeededRandomOrder.Shuffle(Tests, t => t, "SomeClass", 1),
            SeededRandomOrder.Shuffle(Tests, t => t, "SomeClass", 2),
            SeededRandomOrder.Shuffle(Tests, t => t, "OtherClass", 1),
        };

        Assert.Equal(3, orders.Select(o => string.Join(',', o)).Distinct().Count());
        Assert.DoesNotContain(orders, o => o.SequenceEqual(Tests));
    }

    [Fact]
    public void Seed_UnderToolsTest_IsTheOneItPrinted()
    {
        var given = Environment.GetEnvironmentVariable(SeededRandomOrder.EnvironmentVariable);
        Assert.SkipWhen(given is null, "not run by tools/test, which always gives a seed");

        Assert.Equal(int.Parse(given!, System.Globalization.CultureInfo.InvariantCulture), SeededRandomOrder.Seed);
    }
}
