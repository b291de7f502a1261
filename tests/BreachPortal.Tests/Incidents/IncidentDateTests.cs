using BreachPortal.Web.Incidents;

namespace BreachPortal.Tests.Incidents;

public sealed class IncidentDateTests
{
    [Fact]
    public void Day_InWinter_StartsAtMidnightParisTime()
    {
        var date = IncidentDate.Day(2024, 2, 29);

        Assert.Equal(new DateTimeOffset(2024, 2, 28, 23, 0, 0, TimeSpan.Zero), date.At);
        Assert.Equal(TimeSpan.Zero, date.At!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 0, 0, TimeSpan.Zero), date.End);
    }

    [Fact]
    public void Day_InSummer_StartsAtMidnightParisSummerTime() =>
        Assert.Equal(new DateTimeOffset(2023, 8, 22, 22, 0, 0, TimeSpan.Zero), IncidentDate.Day(2023, 8, 23).At);

    [Fact]
    public void Month_EndsWhereTheNextMonthStarts() =>
        Assert.Equal(IncidentDate.Month(2023, 9).At, IncidentDate.Month(2023, 8).End);

    [Fact]
    public void Unknown_HasNoValueAndNoEnd()
    {
        Assert.False(IncidentDate.Unknown.IsKnown);
        Assert.Null(IncidentDate.Unknown.End);
    }

    [Fact]
    public void Constructor_ValueWithUnknownPrecision_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new IncidentDate(DateTimeOffset.UtcNow, DatePrecision.Unknown));

    [Fact]
    public void Constructor_KnownPrecisionWithoutValue_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new IncidentDate(null, DatePrecision.Day));

    [Theory]
    [InlineData("fr-FR", "29 février 2024", "août 2023", "2023")]
    [InlineData("en-GB", "29 February 2024", "August 2023", "2023")]
    public void ToDisplayString_ShowsOnlyWhatIsKnown(string culture, string day, string month, string year)
    {
        var info = System.Globalization.CultureInfo.GetCultureInfo(culture);

        Assert.Equal(day, IncidentDate.Day(2024, 2, 29).ToDisplayString(info, "Paris"));
        Assert.Equal(month, IncidentDate.Month(2023, 8).ToDisplayString(info, "Paris"));
        Assert.Equal(year, IncidentDate.Year(2023).ToDisplayString(info, "Paris"));
        Assert.Null(IncidentDate.Unknown.ToDisplayString(info, "Paris"));
    }

    [Fact]
    public void ToDisplayString_ExactInstant_ShowsParisTime()
    {
        var date = IncidentDate.Exact(new DateTimeOffset(2024, 2, 29, 13, 30, 0, TimeSpan.Zero));

        Assert.Equal("29 février 2024, 14:30 (heure de Paris)", date.ToDisplayString(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), "heure de Paris"));
    }
}
