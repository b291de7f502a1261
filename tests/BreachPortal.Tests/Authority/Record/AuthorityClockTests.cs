using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;

namespace BreachPortal.Tests.Authority.Record;

public sealed class AuthorityClockTests
{
    private static readonly DateTimeOffset Detection = new(2024, 2, 29, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Of_NotNotifiedWithinTheHours_IsRunningWithTheTimeLeft()
    {
        var clock = AuthorityClock.Of(IncidentOf(IncidentDate.Exact(Detection), IncidentDate.Unknown), null, Detection.AddHours(10));

        Assert.Equal(AuthorityClockState.Running, clock.State);
        Assert.Equal(Detection.AddHours(72), clock.Deadline);
        Assert.Equal(TimeSpan.FromHours(62), clock.Remaining);
    }

    [Fact]
    public void Of_NotNotifiedAfterTheHours_IsOverdueBySoLong()
    {
        var clock = AuthorityClock.Of(IncidentOf(IncidentDate.Exact(Detection), IncidentDate.Unknown), "reason written early", Detection.AddHours(80));

        Assert.Equal(AuthorityClockState.Overdue, clock.State);
        Assert.Equal(TimeSpan.FromHours(-8), clock.Remaining);
        Assert.False(clock.ReasonGiven);
    }

    [Fact]
    public void Of_AtTheDeadlineExactly_IsOverdue()
    {
        var clock = AuthorityClock.Of(IncidentOf(IncidentDate.Exact(Detection), IncidentDate.Unknown), null, Detection.AddHours(72));

        Assert.Equal(AuthorityClockState.Overdue, clock.State);
    }

    [Fact]
    public void Of_DetectedOnADay_CountsFromTheStartOfThatDayInParis()
    {
        var clock = AuthorityClock.Of(IncidentOf(IncidentDate.Day(2024, 2, 29), IncidentDate.Unknown), null, Detection);

        // 29 Feb 2024 00:00 in Paris is 28 Feb 23:00 UTC (winter time).
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 23, 0, 0, TimeSpan.Zero), clock.Deadline);
        Assert.Equal(AuthorityClockState.Running, clock.State);
    }

    [Fact]
    public void Of_NotifiedWithinTheHours_IsOnTime_WhateverTheTimeNow()
    {
        var incident = IncidentOf(IncidentDate.Exact(Detection), IncidentDate.Exact(Detection.AddHours(71)));

        var clock = AuthorityClock.Of(incident, null, Detection.AddDays(400));

        Assert.Equal(AuthorityClockState.OnTime, clock.State);
        Assert.Null(clock.Remaining);
        Assert.False(clock.ReasonGiven);
    }

    [Fact]
    public void Of_NotifiedLateWithTheReason_IsLateWithTheReasonGiven()
    {
        var incident = IncidentOf(IncidentDate.Day(2024, 2, 29), IncidentDate.Day(2024, 3, 8));

        var clock = AuthorityClock.Of(incident, "Investigation needed to confirm the extraction.", Detection.AddDays(30));

        Assert.Equal(AuthorityClockState.Late, clock.State);
        Assert.True(clock.ReasonGiven);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Of_NotifiedLateWithoutAReason_IsLateWithTheReasonMissing(string? reason)
    {
        var incident = IncidentOf(IncidentDate.Day(2024, 2, 29), IncidentDate.Day(2024, 3, 8));

        var clock = AuthorityClock.Of(incident, reason, Detection.AddDays(30));

        Assert.Equal(AuthorityClockState.Late, clock.State);
        Assert.False(clock.ReasonGiven);
    }

    [Fact]
    public void Of_DetectionNotKnown_IsUndetermined()
    {
        var clock = AuthorityClock.Of(IncidentOf(IncidentDate.Unknown, IncidentDate.Unknown), null, Detection);

        Assert.Equal(AuthorityClockState.Undetermined, clock.State);
        Assert.Null(clock.Deadline);
    }

    [Fact]
    public void Of_DatesTooImpreciseToDecide_IsUndetermined()
    {
        var clock = AuthorityClock.Of(IncidentOf(IncidentDate.Month(2023, 8), IncidentDate.Month(2023, 8)), null, Detection);

        Assert.Equal(AuthorityClockState.Undetermined, clock.State);
    }

    internal static Incident IncidentOf(IncidentDate detected, IncidentDate notified) => new()
    {
        Reference = "TEST-CLOCK",
        Title = new LocalizedText("Test", "Test"),
        Summary = new LocalizedText("Résumé", "Summary"),
        Started = IncidentDate.Unknown,
        Ended = IncidentDate.Unknown,
        Detected = detected,
        AuthorityNotified = notified,
        Disclosed = IncidentDate.Unknown,
        Vector = new LocalizedText("Vecteur", "Vector"),
        LikelyConsequences = new LocalizedText("Conséquences", "Consequences"),
        Measures = new LocalizedText("Mesures", "Measures"),
        DpoContact = new LocalizedText("DPO", "DPO"),
    };
}
