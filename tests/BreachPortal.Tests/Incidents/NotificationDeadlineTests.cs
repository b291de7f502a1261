using BreachPortal.Web.Incidents;

namespace BreachPortal.Tests.Incidents;

public sealed class NotificationDeadlineTests
{
    private static readonly DateTimeOffset Detection = new(2024, 2, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Assess_FranceTravail2024Dates_IsLateByEightDays()
    {
        var detected = IncidentDate.Day(2024, 2, 29);
        var notified = IncidentDate.Day(2024, 3, 8);

        Assert.Equal(NotificationTimeliness.Late, NotificationDeadline.Assess(detected, notified));
        Assert.Equal(8, NotificationDeadline.DaysBetween(detected, notified));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Assess_DayPrecisionWithinTwoDays_IsWithinDeadline(int days)
    {
        var detected = IncidentDate.Day(2024, 2, 29);
        var notifiedOn = new DateOnly(2024, 2, 29).AddDays(days);
        var notified = IncidentDate.Day(notifiedOn.Year, notifiedOn.Month, notifiedOn.Day);

        Assert.Equal(NotificationTimeliness.WithinDeadline, NotificationDeadline.Assess(detected, notified));
    }

    [Fact]
    public void Assess_DayPrecisionThreeDaysApart_CannotDecide()
    {
        // Anywhere between 48 and 96 hours: the dates alone cannot settle it.
        Assert.Equal(
            NotificationTimeliness.Undetermined,
            NotificationDeadline.Assess(IncidentDate.Day(2024, 2, 29), IncidentDate.Day(2024, 3, 3)));
    }

    [Theory]
    [InlineData(71, NotificationTimeliness.WithinDeadline)]
    [InlineData(72, NotificationTimeliness.WithinDeadline)]
    [InlineData(73, NotificationTimeliness.Late)]
    public void Assess_ExactInstants_ComparesWithSeventyTwoHours(int hours, NotificationTimeliness expected)
    {
        var verdict = NotificationDeadline.Assess(IncidentDate.Exact(Detection), IncidentDate.Exact(Detection.AddHours(hours)));

        Assert.Equal(expected, verdict);
    }

    [Fact]
    public void Assess_SameMonthOnly_CannotDecide()
    {
        Assert.Equal(
            NotificationTimeliness.Undetermined,
            NotificationDeadline.Assess(IncidentDate.Month(2023, 8), IncidentDate.Month(2023, 8)));
    }

    [Fact]
    public void Assess_DetectionUnknown_CannotDecide() =>
        Assert.Equal(NotificationTimeliness.Undetermined, NotificationDeadline.Assess(IncidentDate.Unknown, IncidentDate.Day(2024, 3, 8)));

    [Fact]
    public void Assess_DetectedButNotNotified_SaysNotYetNotified() =>
        Assert.Equal(NotificationTimeliness.NotYetNotified, NotificationDeadline.Assess(IncidentDate.Day(2024, 2, 29), IncidentDate.Unknown));

    [Fact]
    public void DaysBetween_MonthPrecision_IsUnknown() =>
        Assert.Null(NotificationDeadline.DaysBetween(IncidentDate.Month(2023, 8), IncidentDate.Day(2023, 8, 23)));
}
