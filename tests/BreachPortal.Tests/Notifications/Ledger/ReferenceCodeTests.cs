using BreachPortal.Web.Notifications.Dispatch;
using BreachPortal.Web.Notifications.Ledger;

namespace BreachPortal.Tests.Notifications.Ledger;

public sealed class ReferenceCodeTests
{
    [Fact]
    public void NewCodes_AreCrockfordBase32_InThreeGroups_AndDoNotRepeat()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => ReferenceCode.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("k7m3-q9px-4trw", "K7M3-Q9PX-4TRW")]
    [InlineData(" K7M3 Q9PX 4TRW ", "K7M3-Q9PX-4TRW")]
    [InlineData("K7M3Q9PXOTRW", "K7M3-Q9PX-0TRW")]
    [InlineData("K7M3-Q9PX-ITRL", "K7M3-Q9PX-1TR1")]
    [InlineData("K7M3-Q9PX-4TR", null)]
    [InlineData("K7M3-Q9PX-4TRWX", null)]
    [InlineData("K7M3-Q9PX-4TRU", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void WhatPeopleType_IsReadAsTheCode_OrRefused(string? typed, string? expected) =>
        Assert.Equal(expected, ReferenceCode.Normalize(typed));

    [Fact]
    public void Backoff_DoublesWithEachAttempt_WithinHalfToAllOfTheCeiling_AndIsCapped()
    {
        var baseDelay = TimeSpan.FromSeconds(30);
        var max = TimeSpan.FromHours(2);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var ceiling = Math.Min(max.TotalSeconds, 30 * Math.Pow(2, attempt - 1));
            var delays = Enumerable.Range(0, 200).Select(_ => Backoff.Delay(attempt, baseDelay, max).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, ceiling / 2, ceiling));
            Assert.True(delays.Distinct().Count() > 50, "retries failing together must spread out");
        }
    }
}
