using BreachPortal.Web.Registry.Retention;

namespace BreachPortal.Tests.Registry.Retention;

public sealed class RetentionScheduleTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById(RetentionPurgeService.TimeZoneId);

    [Theory]
    // An ordinary winter and summer day: 03:30 is UTC+1, then UTC+2.
    [InlineData("2026-01-15T12:00:00Z", "03:30", "2026-01-16T02:30:00Z")]
    [InlineData("2026-07-15T12:00:00Z", "03:30", "2026-07-16T01:30:00Z")]
    // Before the time on the same Paris day (00:30 in Paris is still 23:30 UTC the day before).
    [InlineData("2026-01-14T23:30:00Z", "03:30", "2026-01-15T02:30:00Z")]
    // Exactly at the time: the next run is tomorrow, never the same instant again.
    [InlineData("2026-01-15T02:30:00Z", "03:30", "2026-01-16T02:30:00Z")]
    // Clocks go forward on 29 March 2026: the day before, 03:30 is 02:30 UTC; that night, 01:30 UTC.
    [InlineData("2026-03-28T02:30:00Z", "03:30", "2026-03-29T01:30:00Z")]
    [InlineData("2026-03-29T01:30:00Z", "03:30", "2026-03-30T01:30:00Z")]
    // Clocks go back on 25 October 2026: 03:30 moves from 01:30 UTC to 02:30 UTC.
    [InlineData("2026-10-24T12:00:00Z", "03:30", "2026-10-25T02:30:00Z")]
    [InlineData("2026-10-25T02:30:00Z", "03:30", "2026-10-26T02:30:00Z")]
    // 02:30 does not exist on 29 March (02:00 jumps to 03:00): it runs when the clocks land.
    [InlineData("2026-03-28T12:00:00Z", "02:30", "2026-03-29T01:00:00Z")]
    // 02:30 happens twice on 25 October: it runs at the first one only, then the next day.
    [InlineData("2026-10-24T12:00:00Z", "02:30", "2026-10-25T00:30:00Z")]
    [InlineData("2026-10-25T00:30:00Z", "02:30", "2026-10-26T01:30:00Z")]
    [InlineData("2026-10-25T01:15:00Z", "02:30", "2026-10-26T01:30:00Z")]
    public void NextRun_InParis_IsTheNextTimeTheClocksShowThePurgeTime(string now, string timeOfDay, string expected)
    {
        Assert.True(RetentionOptions.TryParseTimeOfDay(timeOfDay, out var at));

        var next = RetentionPurgeService.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), at, Paris);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }
}
